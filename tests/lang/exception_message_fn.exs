# A defexception with a :message field and no message/1 of its own gets
# message/1 returning the field, as Elixir defines it.
defmodule E do
  defexception [:message, code: 1]
end

defmodule F do
  defexception message: "fdef"
end

defmodule G do
  defexception [:x]
  def message(e), do: "x=#{e.x}"
end

IO.inspect(E.message(E.exception(message: "hi")))
IO.inspect(F.message(F.exception([])))
IO.inspect(function_exported?(E, :message, 1))
IO.inspect(E.__info__(:functions))
IO.inspect(G.__info__(:functions))
try do
  raise F
rescue
  e -> IO.inspect(Exception.message(e))
end
try do
  raise G, x: 3
rescue
  e -> IO.inspect({Exception.message(e), G.message(e)})
end

# expect: "hi"
# expect: "fdef"
# expect: true
# expect: [__struct__: 0, __struct__: 1, exception: 1, message: 1]
# expect: [__struct__: 0, __struct__: 1, exception: 1, message: 1]
# expect: "fdef"
# expect: {"x=3", "x=3"}
