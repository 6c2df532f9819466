# Range: first..last//step is the map %{__struct__: Range, first:, last:,
# step:}; the compiler builds it for the .. and ..// operators.
defmodule Range do
  defstruct first: nil, last: nil, step: nil

  def new(first, last) when is_integer(first) and is_integer(last) do
    range(first, last, if(first <= last, do: 1, else: -1))
  end

  def new(first, last) do
    raise ArgumentError,
          "ranges (first..last) expect both sides to be integers, got: #{inspect(first)}..#{inspect(last)}"
  end

  def new(first, last, step) when is_integer(first) and is_integer(last) and is_integer(step) and step != 0 do
    range(first, last, step)
  end

  def new(first, last, step) do
    raise ArgumentError,
          "ranges (first..last//step) expect both sides to be integers and the step to be a " <>
            "non-zero integer, got: #{inspect(first)}..#{inspect(last)}//#{inspect(step)}"
  end

  defp range(first, last, step), do: %{__struct__: Range, first: first, last: last, step: step}

  def size(%{__struct__: Range, first: f, last: l, step: s}), do: Enumerable.range_size(f, l, s)

  def shift(%{__struct__: Range, first: f, last: l, step: s}, n) when is_integer(n) do
    range(f + n * s, l + n * s, s)
  end

  # Elixir 1.14's arithmetic: both ranges turned to a positive step (from
  # the written last, not the last element), then the first common term of
  # the two progressions by the extended gcd, as Elixir computes it (its
  # answers, including where that formula errs, are what programs see).
  def disjoint?(%{__struct__: Range} = a, %{__struct__: Range} = b) do
    if size(a) == 0 or size(b) == 0 do
      true
    else
      {first1, last1, step1} = turn_up(a)
      {first2, last2, step2} = turn_up(b)

      cond do
        last2 < first1 or last1 < first2 ->
          true

        abs(step1) == 1 and abs(step2) == 1 ->
          false

        true ->
          {gcd, u, v} = Integer.extended_gcd(-step1, step2)
          c = first1 - first2 + step2 - step1
          # Elixir 1.14 divides by step1 for t1 and step2 for t2; its
          # answers (2..28//3 and 9..28//5 "disjoint") follow from that.
          t1 = -c / step1 * u
          t2 = -c / step2 * v
          t = max(floor(t1) + 1, floor(t2) + 1)
          x = div(c * u + t * step2, gcd) - 1
          y = div(c * v + t * step1, gcd) - 1
          x < 0 or first1 + x * step1 > last1 or y < 0 or first2 + y * step2 > last2
      end
    end
  end

  defp turn_up(%{first: f, last: l, step: s}) when f > l, do: {l, f, -s}
  defp turn_up(%{first: f, last: l, step: s}), do: {f, l, s}

  def to_list(range), do: Enum.to_list(range)
end
