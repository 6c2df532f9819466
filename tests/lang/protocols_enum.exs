# Enumerable and Collectable implementations for structs: Enum, Stream, for, Enum.into, Enumerable.List delegation
# (expected output from Elixir 1.14)
defmodule Pt do
  defstruct x: 0
end

defmodule Bag do
  defstruct items: []
end

defimpl Enumerable, for: Bag do
  def count(b), do: {:ok, length(b.items)}
  def member?(b, x), do: {:ok, x in b.items}
  def reduce(b, acc, fun), do: Enumerable.List.reduce(b.items, acc, fun)
  def slice(_b), do: {:error, __MODULE__}
end

defimpl Collectable, for: Bag do
  def into(b) do
    fun = fn
      acc, {:cont, x} -> [x | acc]
      acc, :done -> %Bag{items: b.items ++ Enum.reverse(acc)}
      _acc, :halt -> :ok
    end

    {[], fun}
  end
end

defmodule Countdown do
  defstruct from: 3
end

defimpl Enumerable, for: Countdown do
  def count(_), do: {:error, __MODULE__}
  def member?(_, _), do: {:error, __MODULE__}
  def slice(_), do: {:error, __MODULE__}
  def reduce(_, {:halt, acc}, _fun), do: {:halted, acc}
  def reduce(c, {:suspend, acc}, fun), do: {:suspended, acc, &reduce(c, &1, fun)}
  def reduce(%Countdown{from: 0}, {:cont, acc}, _fun), do: {:done, acc}
  def reduce(%Countdown{from: n}, {:cont, acc}, fun), do: reduce(%Countdown{from: n - 1}, fun.(n, acc), fun)
end

defmodule Main do
  def run do
    b = %Bag{items: [3, 1, 2]}
    IO.inspect(Enum.count(b))
    IO.inspect(Enum.member?(b, 2))
    IO.inspect(Enum.map(b, &(&1 * 10)))
    IO.inspect(Enum.sort(b))
    IO.inspect(Enum.sum(b))
    IO.inspect(Enum.to_list(b))
    IO.inspect(Enum.take(b, 2))
    IO.inspect(Enum.reduce(b, 0, &+/2))
    IO.inspect(Enum.into([4, 5], b))
    IO.inspect(Enum.into(b, []))
    IO.inspect(for x <- b, do: x + 1)
    IO.inspect(for x <- [7, 8], into: %Bag{}, do: x)
    c = %Countdown{from: 5}
    IO.inspect(Enum.to_list(c))
    IO.inspect(Enum.count(c))
    IO.inspect(Enum.member?(c, 3))
    IO.inspect(Enum.take(c, 2))
    IO.inspect(c |> Stream.map(&(&1 * 2)) |> Enum.to_list())
    IO.inspect(Enum.zip(c, b))
    try do
      Enum.count(%Pt{})
    rescue
      e -> IO.puts(Exception.message(e))
    end
  end
end

Main.run()

# expect: 3
# expect: true
# expect: [30, 10, 20]
# expect: [1, 2, 3]
# expect: 6
# expect: [3, 1, 2]
# expect: [3, 1]
# expect: 6
# expect: %Bag{items: [3, 1, 2, 4, 5]}
# expect: [3, 1, 2]
# expect: [4, 2, 3]
# expect: %Bag{items: '\a\b'}
# expect: [5, 4, 3, 2, 1]
# expect: 5
# expect: true
# expect: [5, 4]
# expect: [10, 8, 6, 4, 2]
# expect: [{5, 3}, {4, 1}, {3, 2}]
# expect: protocol Enumerable not implemented for %Pt{x: 0} of type Pt (a struct)
