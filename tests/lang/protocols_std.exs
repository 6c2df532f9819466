# String.Chars and Inspect implementations for structs: to_string, interpolation, inspect, IO.inspect (label, pipes)
# (expected output from Elixir 1.14)
defmodule Pt do
  defstruct x: 0, y: 0
end

defmodule Money do
  defstruct cents: 0
end

defimpl String.Chars, for: Pt do
  def to_string(p), do: "(#{p.x}, #{p.y})"
end

defimpl String.Chars, for: Money do
  def to_string(m), do: "$#{div(m.cents, 100)}.#{rem(m.cents, 100)}"
end

defimpl Inspect, for: Pt do
  import Inspect.Algebra

  def inspect(p, opts) do
    concat(["#Pt<", to_doc(p.x, opts), ",", to_doc(p.y, opts), ">"])
  end
end

defmodule Main do
  def run do
    p = %Pt{x: 1, y: 2}
    IO.puts(to_string(p))
    IO.puts("point #{p} and #{%Money{cents: 1234}}")
    IO.puts(String.Chars.to_string(%Money{cents: 500}))
    IO.puts(Kernel.to_string(p))
    IO.puts("plain #{1} #{:a} #{"s"} #{[?a, ?b]} #{1.5}")
    IO.puts(inspect(p))
    IO.puts(inspect([1, 2]))
    IO.inspect(p)
    IO.inspect(p, label: "pt")
    IO.inspect(%Money{cents: 1})
    x = p |> IO.inspect() |> Map.get(:x)
    IO.puts(x)
    IO.puts(Enum.map([p, p], &to_string/1) |> Enum.join(" "))
    IO.puts(Enum.map([p], fn q -> inspect(q) end) |> Enum.join(" "))
    try do
      "#{%Money{} |> Map.from_struct()}"
    rescue
      e -> IO.puts(Exception.message(e))
    end
    try do
      to_string({1, 2})
    rescue
      e -> IO.puts(Exception.message(e))
    end
  end
end

Main.run()

# expect: (1, 2)
# expect: point (1, 2) and $12.34
# expect: $5.0
# expect: (1, 2)
# expect: plain 1 a s ab 1.5
# expect: #Pt<1,2>
# expect: [1, 2]
# expect: #Pt<1,2>
# expect: pt: #Pt<1,2>
# expect: %Money{cents: 1}
# expect: #Pt<1,2>
# expect: 1
# expect: (1, 2) (1, 2)
# expect: #Pt<1,2>
# expect: protocol String.Chars not implemented for %{cents: 0} of type Map
# expect: protocol String.Chars not implemented for {1, 2} of type Tuple
