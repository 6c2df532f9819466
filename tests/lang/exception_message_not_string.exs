# An exception whose message is not a string: Exception.message/1 and the
# crash report say so as Elixir 1.14 does.
defmodule E do
  defexception [:message, code: 1]
end

try do
  raise E
rescue
  e -> IO.puts(Exception.message(e))
end
IO.puts(Exception.message(%RuntimeError{message: :oops}))
raise E

# expect: got nil while retrieving Exception.message/1 for %E{message: nil, code: 1} (expected a string)
# expect: got :oops while retrieving Exception.message/1 for %RuntimeError{message: :oops} (expected a string)
# exit: 1
