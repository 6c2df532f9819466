# %Mod{base | k: v} checks that base is a Mod struct: BadStructError
# otherwise, as Elixir 1.14.
defmodule S do
  defstruct [:a, b: 2]
  def bump(s), do: %__MODULE__{s | b: s.b + 1}
end

defmodule T do
  defstruct x: 1
end

defmodule M do
  def upd(s), do: %S{s | a: 5}

  def run do
    IO.inspect(upd(%S{}))
    IO.inspect(S.bump(%S{b: 7}))
    for bad <- [%T{}, %{a: 1}, %{__struct__: S}, nil] do
      try do
        upd(bad)
      rescue
        e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
      end
    end
    upd(%T{})
  end
end

M.run()

# expect: %S{a: 5, b: 2}
# expect: %S{a: nil, b: 8}
# expect: BadStructError: expected a struct named S, got: %T{x: 1}
# expect: BadStructError: expected a struct named S, got: %{a: 1}
# expect: KeyError: key :a not found
# expect: BadStructError: expected a struct named S, got: nil
# exit: 1
