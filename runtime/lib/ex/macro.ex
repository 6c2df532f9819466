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

  def generate_arguments(0, context) when is_atom(context), do: []

  def generate_arguments(n, context) when is_integer(n) and n > 0 and is_atom(context) do
    for i <- 1..n, do: {String.to_atom("arg#{i}"), [], context}
  end

  # ---- calls and their parts --------------------------------------------

  def decompose_call({:__aliases__, _, _}), do: :error
  def decompose_call({:{}, _, args}) when is_list(args), do: :error
  def decompose_call({{:., _, [remote, fun]}, _, args}) when is_tuple(remote) or is_atom(remote), do: {remote, fun, args}
  def decompose_call({name, _, args}) when is_atom(name) and is_atom(args), do: {name, []}
  def decompose_call({name, _, args}) when is_atom(name) and is_list(args), do: {name, args}
  def decompose_call(_), do: :error

  def update_meta({form, meta, args}, fun) when is_list(meta), do: {form, fun.(meta), args}
  def update_meta(other, _fun), do: other

  # :ok when quoted is a valid AST, else {:error, the first bad part}.
  def validate(quoted) do
    case find_invalid(quoted) do
      nil -> :ok
      bad -> {:error, bad}
    end
  end

  defp find_invalid({left, right}), do: find_invalid(left) || find_invalid(right)
  defp find_invalid(list) when is_list(list), do: Enum.find_value(list, &find_invalid/1)
  defp find_invalid(x) when is_atom(x) or is_number(x) or is_binary(x) or is_pid(x), do: nil
  defp find_invalid({form, meta, ctx} = q) when is_list(meta) and is_atom(ctx), do: if(is_atom(form), do: nil, else: q)

  defp find_invalid({form, meta, args}) when is_list(meta) and is_list(args) do
    if is_atom(form), do: find_invalid(args), else: find_invalid(form) || find_invalid(args)
  end

  defp find_invalid(other), do: other

  # Literals, and tuples, lists, maps and structs of literals.
  def quoted_literal?({:__aliases__, _, args}), do: quoted_literal?(args)
  def quoted_literal?({:%, _, [left, right]}), do: quoted_literal?(left) and quoted_literal?(right)
  def quoted_literal?({:%{}, _, args}), do: quoted_literal?(args)
  def quoted_literal?({:{}, _, args}), do: quoted_literal?(args)
  def quoted_literal?({:__MODULE__, _, ctx}) when is_atom(ctx), do: true
  def quoted_literal?({left, right}), do: quoted_literal?(left) and quoted_literal?(right)
  def quoted_literal?(list) when is_list(list), do: Enum.all?(list, &quoted_literal?/1)
  def quoted_literal?(term), do: is_atom(term) or is_number(term) or is_binary(term)

  # ---- walking the tree -------------------------------------------------

  # pre runs on a node before its children, post after; both thread acc.
  def traverse(ast, acc, pre, post) when is_function(pre, 2) and is_function(post, 2) do
    {ast, acc} = pre.(ast, acc)
    walk(ast, acc, pre, post)
  end

  defp walk({form, meta, args}, acc, pre, post) when is_atom(form) and is_list(args) do
    {args, acc} = walk_list(args, acc, pre, post)
    post.({form, meta, args}, acc)
  end

  defp walk({form, meta, args}, acc, pre, post) when is_list(args) do
    {form, acc} = pre.(form, acc)
    {form, acc} = walk(form, acc, pre, post)
    {args, acc} = walk_list(args, acc, pre, post)
    post.({form, meta, args}, acc)
  end

  defp walk({left, right}, acc, pre, post) do
    {left, acc} = pre.(left, acc)
    {left, acc} = walk(left, acc, pre, post)
    {right, acc} = pre.(right, acc)
    {right, acc} = walk(right, acc, pre, post)
    post.({left, right}, acc)
  end

  defp walk(list, acc, pre, post) when is_list(list) do
    {list, acc} = walk_list(list, acc, pre, post)
    post.(list, acc)
  end

  defp walk(x, acc, _pre, post), do: post.(x, acc)

  defp walk_list(list, acc, pre, post) do
    Enum.map_reduce(list, acc, fn x, acc ->
      {x, acc} = pre.(x, acc)
      walk(x, acc, pre, post)
    end)
  end

  defp keep(x, acc), do: {x, acc}

  def prewalk(ast, fun) when is_function(fun, 1), do: elem(prewalk(ast, nil, fn x, a -> {fun.(x), a} end), 0)
  def prewalk(ast, acc, fun) when is_function(fun, 2), do: traverse(ast, acc, fun, &keep/2)
  def postwalk(ast, fun) when is_function(fun, 1), do: elem(postwalk(ast, nil, fn x, a -> {fun.(x), a} end), 0)
  def postwalk(ast, acc, fun) when is_function(fun, 2), do: traverse(ast, acc, &keep/2, fun)

  # The nodes in walk order (a list here, an enumerable in Elixir).
  def prewalker(ast), do: ast |> traverse([], fn x, acc -> {x, [x | acc]} end, &keep/2) |> elem(1) |> Enum.reverse()
  def postwalker(ast), do: ast |> traverse([], &keep/2, fn x, acc -> {x, [x | acc]} end) |> elem(1) |> Enum.reverse()

  # The nodes from the root down to the first one fun accepts, innermost
  # first; nil when none does.
  def path(ast, fun) when is_function(fun, 1) do
    {_, found} =
      traverse(ast, {[], nil}, fn
        x, {stack, nil} -> if fun.(x), do: {x, {stack, [x | stack]}}, else: {x, {[x | stack], nil}}
        x, done -> {x, done}
      end, fn
        x, {[_ | stack], nil} -> {x, {stack, nil}}
        x, done -> {x, done}
      end)

    elem(found, 1)
  end

  # Elixir 1.14's camelize: "_" before a lowercase letter or a digit
  # goes (the letter is upcased), "/" becomes "."; anything else, an
  # uppercase letter after "_" included, stays.
  def camelize(""), do: ""
  def camelize("_" <> rest), do: camelize(rest)
  def camelize(<<h, t::binary>>), do: <<to_upper_char(h)>> <> do_camelize(t)

  defp do_camelize("__" <> t), do: do_camelize("_" <> t)
  defp do_camelize(<<?_, h, t::binary>>) when h >= ?a and h <= ?z, do: <<h - 32>> <> do_camelize(t)
  defp do_camelize(<<?_, h, t::binary>>) when h >= ?0 and h <= ?9, do: <<h>> <> do_camelize(t)
  defp do_camelize("_"), do: ""
  defp do_camelize("/" <> t), do: "." <> camelize(t)
  defp do_camelize(<<h, t::binary>>), do: <<h>> <> do_camelize(t)
  defp do_camelize(""), do: ""

  defp to_upper_char(c) when c >= ?a and c <= ?z, do: c - 32
  defp to_upper_char(c), do: c

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
