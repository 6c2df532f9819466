# try/rescue/catch/after, raise, throw, exit, the standard errors.
r = try do
  raise ArgumentError, "bad"
rescue
  e in ArgumentError -> {:rescued, e.message}
end
IO.inspect(r)
IO.inspect(try do
  throw(:ball)
catch
  x -> {:caught, x}
end)
IO.inspect(try do
  exit(:gone)
catch
  :exit, reason -> reason
end)
try do
  1 = 2
rescue
  e -> IO.puts(Exception.message(e))
after
  IO.puts("after ran")
end
try do
  case :x do
    :y -> :no
  end
rescue
  e in CaseClauseError -> IO.puts(Exception.message(e))
end
defmodule MyError do
  defexception message: "default message"
end
try do
  raise MyError
rescue
  e in MyError -> IO.puts(e.message)
end
try do
  raise MyError, message: "custom"
rescue
  e -> IO.puts(e.message)
end
IO.inspect(try do
  :ok
else
  :ok -> :else_ran
end)
# expect: {:rescued, "bad"}
# expect: {:caught, :ball}
# expect: :gone
# expect: no match of right hand side value: 2
# expect: after ran
# expect: no case clause matching: :x
# expect: default message
# expect: custom
# expect: :else_ran
