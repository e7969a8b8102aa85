-- For every wrk run of the benchmark: prints one line, "BENCH_JSON {...}", with exact figures
-- (latency in microseconds) so bench/wrk.py does not have to read wrk's rounded text.
-- Only done() is defined: a script with request() or response() costs wrk time on every request.

function summary_json(summary, latency, extra)
  local parts = {
    string.format('"requests": %d', summary.requests),
    string.format('"duration_us": %d', summary.duration),
    string.format('"bytes": %d', summary.bytes),
    string.format('"non_2xx_3xx": %d', summary.errors.status),
    string.format('"socket_errors": %d',
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout),
    string.format('"timeouts": %d', summary.errors.timeout),
    string.format('"p50_us": %d', latency:percentile(50)),
    string.format('"p90_us": %d', latency:percentile(90)),
    string.format('"p99_us": %d', latency:percentile(99)),
    string.format('"max_us": %d', latency.max),
  }
  for name, value in pairs(extra or {}) do
    table.insert(parts, string.format('"%s": %d', name, value))
  end
  return "BENCH_JSON {" .. table.concat(parts, ", ") .. "}"
end

done = function(summary, latency, requests)
  io.write(summary_json(summary, latency) .. "\n")
end
