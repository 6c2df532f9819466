# A sigil defined as a function in an imported module; __ENV__ fields;
# __DIR__; IO.ANSI's named sequences.
defmodule NumSigil do
  def sigil_i(text, []), do: String.to_integer(text)
  def sigil_i(text, [?n]), do: -String.to_integer(text)
end

defmodule UsesSigil do
  import NumSigil
  def run, do: {~i(12), ~i(7)n, __ENV__.function, __ENV__.module}
end

IO.inspect(UsesSigil.run())
IO.inspect(Path.basename(__ENV__.file))
IO.inspect(__DIR__ == Path.dirname(__ENV__.file))
IO.inspect(__ENV__.function)
IO.inspect(IO.ANSI.red() <> "x" <> IO.ANSI.reset())
IO.inspect({IO.ANSI.bright(), IO.ANSI.cursor_up(2), IO.ANSI.color(1, 2, 3)})

# expect: {12, -7, {:run, 0}, UsesSigil}
# expect: "custom_sigils_env.exs"
# expect: true
# expect: nil
# expect: "\e[31mx\e[0m"
# expect: {"\e[1m", "\e[2A", "\e[38;5;67m"}
