# A map whose __struct__ names no loaded module prints as a plain map, as
# Elixir 1.14's inspect shows it; real structs are unchanged.
defmodule S do
  defstruct a: 1, b: 2
end

defmodule M do
  def run do
    IO.inspect(%{__struct__: NotLoaded, a: 1})
    IO.inspect(%{__struct__: NotLoaded})
    IO.inspect([%{__struct__: NotLoaded, a: 1}, {%{__struct__: Nope.Mod, x: [1]}}])
    IO.inspect(%{__struct__: "x", a: 1})
    IO.inspect(%S{})
    IO.inspect(%{__struct__: S, a: 1, b: 2})
    IO.inspect(%{__struct__: S, a: 1})
    IO.inspect(%RuntimeError{message: "m"})
    IO.inspect(1..3)
    IO.puts(inspect(%{__struct__: NotLoaded, a: 1}, structs: false))
  end
end

M.run()

# expect: %{__struct__: NotLoaded, a: 1}
# expect: %{__struct__: NotLoaded}
# expect: [%{__struct__: NotLoaded, a: 1}, {%{__struct__: Nope.Mod, x: [1]}}]
# expect: %{__struct__: "x", a: 1}
# expect: %S{a: 1, b: 2}
# expect: %S{a: 1, b: 2}
# expect: %{__struct__: S, a: 1}
# expect: %RuntimeError{message: "m"}
# expect: 1..3
# expect: %{__struct__: NotLoaded, a: 1}
