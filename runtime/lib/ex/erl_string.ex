# Erlang's :string, the functions Elixir programs reach for: the Unicode
# API (uppercase, trim, split, lexemes, slice, find, replace, pad,
# to_integer, ...) and the old list API (tokens, join, substr, str,
# left, right, centre, strip, copies, ...). As in Erlang, a result has
# the input's type (a binary in, a binary out; a charlist in, a flat
# charlist out), and pad/replace return the same nested lists OTP does.
# Inside this module length/1, reverse/1 and the like are :string's own,
# so list helpers are called through Kernel or :lists explicitly.
defmodule :string do
  @ws [?\s, ?\t, ?\n, ?\r, ?\v, ?\f]

  # ---- the Unicode API

  def uppercase(s), do: back(String.upcase(bin(s)), s)
  def lowercase(s), do: back(String.downcase(bin(s)), s)
  def casefold(s), do: back(String.downcase(bin(s)), s)

  def titlecase(s) do
    case String.next_grapheme(bin(s)) do
      {g, rest} -> back(String.upcase(g) <> rest, s)
      nil -> s
    end
  end

  def length(s), do: String.length(bin(s))
  def is_empty(s), do: bin(s) == ""
  def equal(a, b), do: bin(a) == bin(b)

  def reverse(s), do: bin(s) |> String.graphemes() |> :lists.reverse() |> Enum.flat_map(&String.to_charlist/1)

  def trim(s), do: trim(s, :both, @ws)
  def trim(s, dir), do: trim(s, dir, @ws)

  def trim(s, dir, chars) do
    set = chars |> List.flatten() |> MapSet.new()
    l = to_cl(s)
    l = if dir in [:leading, :both], do: Enum.drop_while(l, &MapSet.member?(set, &1)), else: l
    l = if dir in [:trailing, :both], do: l |> :lists.reverse() |> Enum.drop_while(&MapSet.member?(set, &1)) |> :lists.reverse(), else: l
    back_cl(l, s)
  end

  def chomp(s) do
    b = bin(s)
    b = cond do
      String.ends_with?(b, "\r\n") -> binary_part(b, 0, byte_size(b) - 2)
      String.ends_with?(b, "\n") -> binary_part(b, 0, byte_size(b) - 1)
      true -> b
    end
    back(b, s)
  end

  def split(s, sep), do: split(s, sep, :leading)

  def split(s, sep, where) do
    b = bin(s)
    sp = bin(sep)
    parts =
      cond do
        sp == "" -> [b]
        where == :all -> String.split(b, sp)
        where == :trailing ->
          case :binary.matches(b, sp) do
            [] -> [b]
            ms ->
              {pos, len} = List.last(ms)
              [binary_part(b, 0, pos), binary_part(b, pos + len, byte_size(b) - pos - len)]
          end
        true -> String.split(b, sp, parts: 2)
      end
    Enum.map(parts, &back(&1, s))
  end

  def lexemes(s, seps) do
    set = seps |> List.flatten() |> MapSet.new()
    s
    |> to_cl()
    |> Enum.chunk_by(&MapSet.member?(set, &1))
    |> Enum.reject(fn [c | _] -> MapSet.member?(set, c) end)
    |> Enum.map(&back_cl(&1, s))
  end

  def slice(s, start), do: back(String.slice(bin(s), start..-1//1), s)
  def slice(s, start, :infinity), do: slice(s, start)
  def slice(s, start, len), do: back(String.slice(bin(s), start, len), s)

  def find(s, pat), do: find(s, pat, :leading)

  def find(s, pat, dir) do
    b = bin(s)
    case {:binary.matches(b, bin(pat)), dir} do
      {[], _} -> :nomatch
      {[{pos, _} | _], :leading} -> back(binary_part(b, pos, byte_size(b) - pos), s)
      {ms, :trailing} ->
        {pos, _} = List.last(ms)
        back(binary_part(b, pos, byte_size(b) - pos), s)
    end
  end

  def prefix(s, pre) do
    b = bin(s)
    p = bin(pre)
    if String.starts_with?(b, p), do: back(binary_part(b, byte_size(p), byte_size(b) - byte_size(p)), s), else: :nomatch
  end

  # [before, replacement, after, ...] as OTP returns it.
  def replace(s, pat, rep), do: replace(s, pat, rep, :leading)

  def replace(s, pat, rep, where) do
    parts = split(s, pat, if(where == :all, do: :all, else: where))
    Enum.intersperse(parts, rep)
  end

  def next_grapheme(s) do
    case String.next_grapheme(bin(s)) do
      nil -> []
      {g, rest} ->
        [c] = String.to_charlist(g) |> Enum.take(1)
        [c | back(rest, s)]
    end
  end

  def take(s, chars), do: take(s, chars, false)

  def take(s, chars, complement) do
    set = chars |> List.flatten() |> MapSet.new()
    {a, b} = s |> to_cl() |> Enum.split_while(&(MapSet.member?(set, &1) != complement))
    {back_cl(a, s), back_cl(b, s)}
  end

  def to_integer(s) do
    case Integer.parse(bin(s)) do
      {n, rest} -> {n, back(rest, s)}
      :error -> {:error, :no_integer}
    end
  end

  def to_float(s) do
    b = bin(s)
    if Regex.match?(~r/^[+-]?\d+\.\d/, b) do
      {f, rest} = Float.parse(b)
      {f, back(rest, s)}
    else
      {:error, :no_float}
    end
  end

  # [s, pad...] / [pad, s] / [left, s, right] as OTP builds them.
  def pad(s, n), do: pad(s, n, :trailing, ?\s)
  def pad(s, n, dir), do: pad(s, n, dir, ?\s)

  def pad(s, n, dir, char) do
    k = max(n - String.length(bin(s)), 0)
    case dir do
      :trailing -> [s | List.duplicate(char, k)]
      :leading -> [List.duplicate(char, k), s]
      :both -> [List.duplicate(char, div(k, 2)), s, List.duplicate(char, k - div(k, 2))]
    end
  end

  # ---- the old list API (charlists)

  def to_upper(c) when is_integer(c), do: c |> List.wrap() |> to_string() |> String.upcase() |> String.to_charlist() |> hd()
  def to_upper(s), do: s |> to_string() |> String.upcase() |> String.to_charlist()
  def to_lower(c) when is_integer(c), do: c |> List.wrap() |> to_string() |> String.downcase() |> String.to_charlist() |> hd()
  def to_lower(s), do: s |> to_string() |> String.downcase() |> String.to_charlist()

  def tokens(s, seps), do: lexemes(s, seps)
  def join(list, sep), do: list |> Enum.intersperse(sep) |> Enum.concat()
  def concat(a, b), do: a ++ b
  def copies(s, n), do: s |> List.duplicate(n) |> Enum.concat()
  def chars(c, n), do: List.duplicate(c, n)
  def chars(c, n, tail), do: List.duplicate(c, n) ++ tail
  def len(s), do: Kernel.length(s)

  def str(s, sub) do
    case :binary.match(to_string(s), to_string(sub)) do
      {pos, _} -> String.length(binary_part(to_string(s), 0, pos)) + 1
      :nomatch -> 0
    end
  end

  def substr(s, start), do: Enum.drop(s, start - 1)
  def substr(s, start, n), do: s |> Enum.drop(start - 1) |> Enum.take(n)

  def left(s, n), do: left(s, n, ?\s)
  def left(s, n, c), do: Enum.take(s, n) ++ List.duplicate(c, max(n - Kernel.length(s), 0))
  def right(s, n), do: right(s, n, ?\s)
  def right(s, n, c), do: List.duplicate(c, max(n - Kernel.length(s), 0)) ++ Enum.take(s, -n)
  def centre(s, n), do: centre(s, n, ?\s)

  def centre(s, n, c) do
    k = max(n - Kernel.length(s), 0)
    List.duplicate(c, div(k, 2)) ++ Enum.take(s, n) ++ List.duplicate(c, k - div(k, 2))
  end

  def strip(s), do: strip(s, :both, ?\s)
  def strip(s, dir), do: strip(s, dir, ?\s)
  def strip(s, dir, c), do: trim(s, dir, [c])

  def words(s), do: words(s, ?\s)
  def words(s, c), do: Kernel.length(lexemes(s, [c]))

  # ---- chardata helpers

  defp bin(s) when is_binary(s), do: s
  defp bin(s), do: IO.chardata_to_string(s)
  defp to_cl(s), do: s |> bin() |> String.to_charlist()
  defp back(b, s) when is_binary(s), do: b
  defp back(b, _s), do: String.to_charlist(b)
  defp back_cl(l, s) when is_binary(s), do: List.to_string(l)
  defp back_cl(l, _s), do: l
end
