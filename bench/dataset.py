"""The benchmark's data set, written into a running BenchStack's database by bench/make_dataset.py
under the stack's own production environment.

    with BenchStack() as stack:
        data = generate(stack)                  # 200 courses, 600 runs, 50,000 students, 200,000 places
        data = generate(stack, **QUICK)         # a small one, to check the command works

Returns the paths to measure (home_path, course_dates_path, course_dates_filtered_path,
course_page_path) and the named runs' ids: open_run_id (spaces), full_run_0_id (full, nobody
waiting), full_run_5000_id (full, 5,000 waiting: `big_queue` says how many) and rush_run_id
(50 places, nobody yet); `counts` and `seconds` say what was written and how long it took."""

import json
from pathlib import Path

FULL = {"courses": 200, "runs": 600, "students": 50_000, "enrolments": 200_000, "big_queue": 5_000}
QUICK = {"courses": 30, "runs": 60, "students": 2_000, "enrolments": 5_000, "big_queue": 500}
SCRIPT = Path(__file__).with_name("make_dataset.py")


def generate(stack, **size) -> dict:
    size = {**FULL, **size}
    arguments = [f"--{name.replace('_', '-')}={value}" for name, value in size.items()]
    result = stack.python(SCRIPT, *arguments, timeout=900)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    # Rows were bulk-written, so nothing told the page cache: start the measurements from empty.
    stack.flush_cache()
    return data
