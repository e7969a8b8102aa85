-- The enrol form posted by a new student each time: its own email address (the thread and a
-- counter) and its own address behind the proxy (X-Real-IP, counted per request), so neither
-- rate limit is what is measured. The CSRF cookie and token were fetched once by bench/posting.py:
-- a masked token stays valid for its cookie.
--
--   wrk -s bench/enrol.lua URL -- PATH COOKIE TOKEN LABEL HOST
--
-- Counts the answers: the redirect to the thank-you page (enrolled or waiting), a 5xx, or
-- anything else (the form shown again with an error, a CSRF refusal).

package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
require "report"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  path, cookie, token, label, host = args[1], args[2], args[3], args[4], args[5]
  sent, thanked, server_errors, other = 0, 0, 0, 0
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "__Host-csrftoken=" .. cookie,
    -- What a browser sends with a form on https: Django's CSRF check compares them.
    ["Origin"] = "https://" .. host,
    ["Referer"] = "https://" .. host .. path,
  }
end

function request()
  sent = sent + 1
  headers["X-Real-IP"] = string.format("10.%d.%d.%d", id % 256, math.floor(sent / 256) % 256, sent % 256)
  local body = "csrfmiddlewaretoken=" .. token
    .. "&first_name=Bench&last_name=Student" .. id
    .. string.format("&email=bench.%s.%d.%d%%40example.org", label, id, sent)
    .. "&adult=yes&joining_as=lived_experience&contact_by=email&consent=on&which_dates=these"
  return wrk.format("POST", path, headers, body)
end

function response(status, response_headers, body)
  local location = response_headers["Location"] or response_headers["location"] or ""
  if status == 302 and location:find("/thank%-you/") then
    thanked = thanked + 1
  elseif status >= 500 then
    server_errors = server_errors + 1
  else
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local totals = { thanked = 0, server_errors = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
  end
  io.write(summary_json(summary, latency, totals) .. "\n")
end
