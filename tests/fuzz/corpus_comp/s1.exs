defmodule S do
  defstruct a: 1, b: nil
  @x 3
  def f(%S{a: a} = s, y \\ 2) when is_integer(a) and y > 0, do: {s, a + y + @x}
  defp g(<<a::8, rest::binary>>), do: {a, rest}
  def h(x) do
    case x do
      {:ok, v} -> v
      [h | t] -> h ++ t
      %{k: ^x} -> x
      _ -> raise ArgumentError, "no"
    end
  end
end
x = for a <- 1..10//2, b <- [1, 2], a > b, into: %{}, do: {a, b}
with {:ok, y} <- {:ok, 1}, z = y + 1 do z else _ -> 0 end
try do throw(:x) rescue e in RuntimeError -> e catch :throw, v -> v after :ok end
receive do {:a, m} -> m after 10 -> :t end
fn x when x > 0 -> x; _ -> 0 end.(1)
&(&1 + &2)
~w(a b c)a
~r/a+b/i
"#{x} and #{"nested #{1}"}"
<<1::size(4), 2::float-little, "x"::binary, 3::utf8>>
cond do true -> 1 end
quote do: unquote(x) + 1
