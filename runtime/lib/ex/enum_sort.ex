# Enum.MergeSort: :lists.sort/2's merge sort (OTP 25), behind Enum.sort/2,
# Enum.sort_by/3 and List.keysort/3 with a sorter, and :lists.sort/2.
#
# A sorter that is not a consistent "<=" (&</2, one that answers on part of
# a term) leaves equal terms in an order that only this algorithm gives,
# and a sorter with side effects sees its calls: both must be the BEAM's.
# So the calls below are OTP's, one for one, in the same order.
#
# Phase 1 cuts the list into runs. dir = fun.(first, second) fixes their
# direction: a term z may follow t in a run when fun.(t, z) == dir. The
# open run is y (newest), x, then r (older terms, newest first), so
# [y, x | r] is the run reversed; rs holds closed runs, newest first. A term
# that fits neither after y nor between x and y goes in front when the run
# is only x and y, else waits as a pivot s for the term after it.
#
# Phase 2 merges runs in pairs, pass after pass, each pass reversing its
# results and the list of them. In a pass that keeps a's term when
# fun.(a_head, b_head) is true (fwd) and one that keeps b's (not fwd), which
# of a pair is a depends on the pass and on dir, as in OTP.
defmodule Enum.MergeSort do
  def sort([], _fun), do: []
  def sort([_] = list, _fun), do: list

  def sort([x, y | t], fun) do
    dir = fun.(x, y)
    split(t, y, x, [], [], dir, fun)
  end

  defp split([z | t], y, x, r, rs, dir, fun) do
    cond do
      fun.(y, z) == dir -> split(t, z, y, [x | r], rs, dir, fun)
      fun.(x, z) == dir -> split(t, y, z, [x | r], rs, dir, fun)
      r == [] -> split(t, y, x, [z], rs, dir, fun)
      true -> pivot(t, y, x, r, rs, z, dir, fun)
    end
  end

  defp split([], y, x, r, rs, dir, fun), do: pass([[y, x | r] | rs], [], not dir, dir, fun)

  defp pivot([z | t], y, x, r, rs, s, dir, fun) do
    cond do
      fun.(y, z) == dir -> pivot(t, z, y, [x | r], rs, s, dir, fun)
      fun.(x, z) == dir -> pivot(t, y, z, [x | r], rs, s, dir, fun)
      fun.(s, z) == dir -> split(t, z, s, [], [[y, x | r] | rs], dir, fun)
      true -> split(t, s, z, [], [[y, x | r] | rs], dir, fun)
    end
  end

  defp pivot([], y, x, r, rs, s, dir, fun), do: pass([[s], [y, x | r] | rs], [], not dir, dir, fun)

  defp pass([l1, l2 | rest], acc, fwd, dir, fun) do
    {a, [h2 | t2]} = if fwd == dir, do: {l1, l2}, else: {l2, l1}
    pass(rest, [merge(a, h2, t2, [], fwd, fun) | acc], fwd, dir, fun)
  end

  defp pass([list], [], true, _dir, _fun), do: list
  defp pass([list], acc, fwd, dir, fun), do: pass([:lists.reverse(list) | acc], [], not fwd, dir, fun)
  defp pass([], acc, fwd, dir, fun), do: pass(acc, [], not fwd, dir, fun)

  # Merges a and [h2 | t2] onto acc, result reversed; a's head goes first
  # when fun.(a_head, h2) == a_on.
  defp merge([h1 | t1], h2, t2, acc, a_on, fun) do
    if fun.(h1, h2) == a_on,
      do: merge(t1, h2, t2, [h1 | acc], a_on, fun),
      else: merge_held(h1, t1, t2, [h2 | acc], a_on, fun)
  end

  defp merge([], h2, t2, acc, _a_on, _fun), do: :lists.reverse(t2, [h2 | acc])

  defp merge_held(h1, t1, [h2 | t2], acc, a_on, fun) do
    if fun.(h1, h2) == a_on,
      do: merge(t1, h2, t2, [h1 | acc], a_on, fun),
      else: merge_held(h1, t1, t2, [h2 | acc], a_on, fun)
  end

  defp merge_held(h1, t1, [], acc, _a_on, _fun), do: :lists.reverse(t1, [h1 | acc])
end
