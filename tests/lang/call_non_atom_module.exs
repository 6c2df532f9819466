# v.f() and apply(v, f, args) with a module that is not an atom (or a name
# that is not one) raise :erlang.apply/3's ArgumentError, as Elixir 1.14
# (mote raised BadFunctionError).
for v <- [[1], 5, "s", {1, 2}] do
  try do
    IO.inspect(v.foo())
  rescue
    e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
  end
  try do
    IO.inspect(apply(v, :foo, [1]))
  rescue
    e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
  end
end
try do apply(Enum, "f", []) rescue e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e)) end
try do apply([1], "f", []) rescue e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e)) end
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an atom
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an atom
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an atom
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an atom
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an atom
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an atom
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an atom
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an atom
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 2nd argument: not an atom
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an atom
# expect:   * 2nd argument: not an atom
# expect:
