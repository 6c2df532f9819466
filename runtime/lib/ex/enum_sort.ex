# Enum.MergeSort: the stable merge sort behind Enum.sort/2 and sort_by/3
# with a sorter function (sort/1 and :asc use :lists.sort, in C).
defmodule Enum.MergeSort do
  # A stable bottom-up merge sort: before?(a, b) true keeps a first, as
  # :lists.sort/2 does with a fun that answers "a <= b". Runs of two, then
  # neighbouring runs merged pass after pass.
  def sort(list, before?), do: list |> runs(before?, []) |> merge_runs(before?)

  defp runs([a, b | t], before?, acc) do
    run = if before?.(a, b), do: [a, b], else: [b, a]
    runs(t, before?, [run | acc])
  end

  defp runs([a], _before?, acc), do: :lists.reverse([[a] | acc])
  defp runs([], _before?, acc), do: :lists.reverse(acc)

  defp merge_runs([], _before?), do: []
  defp merge_runs([run], _before?), do: run
  defp merge_runs(runs, before?), do: merge_runs(merge_pairs(runs, before?, []), before?)

  defp merge_pairs([a, b | t], before?, acc), do: merge_pairs(t, before?, [merge(a, b, before?, []) | acc])
  defp merge_pairs([a], _before?, acc), do: :lists.reverse([a | acc])
  defp merge_pairs([], _before?, acc), do: :lists.reverse(acc)

  defp merge([], right, _before?, acc), do: :lists.reverse(acc, right)
  defp merge(left, [], _before?, acc), do: :lists.reverse(acc, left)

  defp merge([l | lt] = left, [r | rt] = right, before?, acc) do
    if before?.(l, r), do: merge(lt, right, before?, [l | acc]), else: merge(left, rt, before?, [r | acc])
  end
end
