# x.field on a term that is neither a map nor an atom raises KeyError with
# Elixir 1.14's dot-syntax hint (mote raised BadMapError); an atom is a call.
defmodule DotProbe do
  def get(x), do: x.field
end
for v <- [[1, 2], 5, 1.5, "ab", {1, 2}, [], 100000000000000000000] do
  try do
    IO.inspect(DotProbe.get(v))
  rescue
    e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
  end
end
try do
  IO.inspect(DotProbe.get(:foo))
rescue
  e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
end
try do
  DotProbe.get(%{a: 1})
rescue
  e -> IO.inspect(e)
end
try do
  DotProbe.get([a: 1])
rescue
  e -> IO.inspect({e.key, e.term})
end
# expect: KeyError: key :field not found in: [1, 2]. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map
# expect: KeyError: key :field not found in: 5. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map
# expect: KeyError: key :field not found in: 1.5. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map
# expect: KeyError: key :field not found in: "ab". If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map
# expect: KeyError: key :field not found in: {1, 2}. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map
# expect: KeyError: key :field not found in: []. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map
# expect: KeyError: key :field not found in: 100000000000000000000. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map
# expect: UndefinedFunctionError: function :foo.field/0 is undefined (module :foo is not available)
# expect: %KeyError{key: :field, term: %{a: 1}, message: nil}
# expect: {:field, [a: 1]}
