# Structs have __struct__/1 (Elixir's: the defaults updated from a keyword
# list, unknown keys raising KeyError, @enforce_keys checked).
defmodule S do
  @enforce_keys [:a]
  defstruct [:a, b: 2]
end

defmodule T do
  defstruct x: 1, y: [2]
end

defmodule E do
  defexception [:message, code: 1]
end

defmodule M do
  def t(f) do
    try do
      IO.inspect(f.())
    rescue
      e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
    end
  end

  def run do
    t(fn -> T.__struct__(x: 5) end)
    t(fn -> T.__struct__(%{y: 3}) end)
    t(fn -> T.__struct__([]) end)
    t(fn -> T.__struct__(z: 1) end)
    t(fn -> S.__struct__(a: 1) end)
    t(fn -> S.__struct__(b: 1) end)
    t(fn -> E.__struct__(code: 3) end)
    t(fn -> apply(T, :__struct__, [[x: 0]]) end)
    IO.inspect(T.__info__(:functions))
    IO.inspect(S.__info__(:functions))
    IO.inspect(function_exported?(T, :__struct__, 1))
  end
end

M.run()

# expect: %T{x: 5, y: [2]}
# expect: %T{x: 1, y: 3}
# expect: %T{x: 1, y: [2]}
# expect: KeyError: key :z not found
# expect: %S{a: 1, b: 2}
# expect: ArgumentError: the following keys must also be given when building struct S: [:a]
# expect: %E{message: nil, code: 3}
# expect: %T{x: 0, y: [2]}
# expect: [__struct__: 0, __struct__: 1]
# expect: [__struct__: 0, __struct__: 1]
# expect: true
