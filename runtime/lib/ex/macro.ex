# Macro: the parts that work on plain terms (mote has no macros): escape/1
# turns a value into the quoted form that evaluates to it, var/2 builds a
# variable's AST, and camelize/underscore are Elixir 1.14's name helpers.
defmodule Macro do
  def escape(term), do: esc(term)

  defp esc({a, b}), do: {esc(a), esc(b)}
  defp esc(t) when is_tuple(t), do: {:{}, [], Enum.map(Tuple.to_list(t), &esc/1)}
  defp esc(m) when is_map(m), do: {:%{}, [], Enum.map(:maps.to_list(m), fn {k, v} -> {esc(k), esc(v)} end)}
  defp esc(l) when is_list(l), do: esc_list(l, [])
  defp esc(t) when is_atom(t) or is_number(t) or is_binary(t), do: t
  defp esc(t) when is_bitstring(t) do
    size = bit_size(t)
    {:<<>>, [], [{:"::", [], [:binary.decode_unsigned(<<0::size(8 - rem(size, 8)), t::bitstring>>), {:size, [], [size]}]}]}
  end
  defp esc(t), do: raise(ArgumentError, "cannot escape #{inspect(t)}. The supported values are: lists, tuples, maps, atoms, numbers, bitstrings, PIDs and remote functions in the format &Mod.fun/arity")

  # A proper list escapes element by element; an improper tail is a
  # [h | t] cons in AST form.
  defp esc_list([h | t], acc) when is_list(t), do: esc_list(t, [esc(h) | acc])
  defp esc_list([h | t], acc), do: Enum.reverse(acc, [{:|, [], [esc(h), esc(t)]}])
  defp esc_list([], acc), do: Enum.reverse(acc)

  def var(name, context) when is_atom(name) and is_atom(context), do: {name, [], context}

  def camelize(""), do: ""
  def camelize("_" <> rest), do: camelize(rest)

  def camelize(string) when is_binary(string) do
    string
    |> String.split("/")
    |> Enum.map_join(".", fn part ->
      part |> String.split("_") |> Enum.map_join("", &cap/1)
    end)
  end

  defp cap(""), do: "_"
  defp cap(<<c, rest::binary>>) when c >= ?a and c <= ?z, do: <<c - 32, rest::binary>>
  defp cap(s), do: s

  def underscore(atom) when is_atom(atom) do
    "Elixir." <> rest = Atom.to_string(atom)
    underscore(rest)
  end

  def underscore(""), do: ""

  def underscore(<<h, t::binary>>) do
    <<to_lower_char(h)>> <> do_underscore(t, h)
  end

  defp do_underscore(<<h, t, rest::binary>>, _)
       when h >= ?A and h <= ?Z and not (t >= ?A and t <= ?Z) and not (t >= ?0 and t <= ?9) and t != ?. and t != ?_ do
    <<?_, to_lower_char(h), t>> <> do_underscore(rest, t)
  end

  defp do_underscore(<<h, t::binary>>, prev)
       when h >= ?A and h <= ?Z and not (prev >= ?A and prev <= ?Z) and prev != ?_ do
    <<?_, to_lower_char(h)>> <> do_underscore(t, h)
  end

  defp do_underscore(<<?., t::binary>>, _), do: <<?/>> <> underscore(t)
  defp do_underscore(<<h, t::binary>>, _), do: <<to_lower_char(h)>> <> do_underscore(t, h)
  defp do_underscore(<<>>, _), do: <<>>

  defp to_lower_char(c) when c >= ?A and c <= ?Z, do: c + 32
  defp to_lower_char(c), do: c
end
