# Enum.Random: Enum.random/1, shuffle/1 and take_random/2, on :rand, so
# :rand.seed/2 makes results repeatable and the same draws as Elixir 1.14
# give the same results.
defmodule Enum.Random do
  def random(enum) do
    case Enum.count(enum) do
      0 -> raise Enum.EmptyError
      n -> Enum.at(enum, :rand.uniform(n) - 1)
    end
  end

  def shuffle(enum) do
    enum
    |> Enum.reduce([], fn x, acc -> [{:rand.uniform(), x} | acc] end)
    |> Enum.sort_by(fn {r, _} -> r end)
    |> Enum.reduce([], fn {_, x}, acc -> [x | acc] end)
  end

  def take_random(_enum, 0), do: []
  def take_random([], _count), do: []

  def take_random(enum, 1) do
    case Enum.to_list(enum) do
      [] -> []
      [h | t] -> [random_one(t, h, 1)]
    end
  end

  # Reservoir sampling: element idx replaces a random slot below count.
  def take_random(enum, count) when is_integer(count) and count > 0 do
    {size, sample} =
      Enum.reduce(enum, {0, %{}}, fn x, {idx, sample} ->
        # No draw for the first element, as Elixir's random_integer(0, 0).
        j = if idx == 0, do: 0, else: :rand.uniform(idx + 1) - 1

        cond do
          idx < count -> {idx + 1, :maps.put(j, x, :maps.put(idx, Map.get(sample, j), sample))}
          j < count -> {idx + 1, :maps.put(j, x, sample)}
          true -> {idx + 1, sample}
        end
      end)

    Enum.map(:lists.seq(0, :erlang.min(count, size) - 1), fn i -> :maps.get(i, sample) end)
  end

  defp random_one([h | t], current, index) do
    if :rand.uniform(index + 1) == 1, do: random_one(t, h, index + 1), else: random_one(t, current, index + 1)
  end

  defp random_one([], current, _index), do: current
end
