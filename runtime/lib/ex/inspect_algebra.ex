# Inspect.Algebra: Elixir 1.14's document algebra for programs that build
# their own documents (Kernel.inspect itself lays out terms in C, doc.c).
# Documents are strings, :doc_nil, :doc_line and tagged tuples, with the
# same shapes as Elixir's so that printing one shows the same term.
# format/2 is the strict Wadler/Lindig layout: a group is printed flat
# when it fits in what is left of the line, else its breaks are newlines;
# a flex break decides on its own whether the next piece fits.
defmodule Inspect.Opts do
  defstruct base: :decimal, binaries: :infer, char_lists: :infer, charlists: :infer,
            custom_options: [], inspect_fun: nil, limit: 50, pretty: false,
            printable_limit: 4096, safe: true, structs: true, syntax_colors: [], width: 80

  def new(opts), do: struct(Inspect.Opts, opts)
end

defmodule Inspect.Algebra do
  def empty, do: :doc_nil
  def line, do: :doc_line
  def line(left, right), do: concat(left, concat(:doc_line, right))
  def string(s) when is_binary(s), do: {:doc_string, s, String.length(s)}

  def concat(left, right), do: {:doc_cons, left, right}
  def concat(docs) when is_list(docs), do: fold_doc(docs, &concat/2)

  def break(s \\ " ") when is_binary(s), do: {:doc_break, s, :strict}
  def flex_break(s \\ " ") when is_binary(s), do: {:doc_break, s, :flex}

  def glue(left, right), do: glue(left, " ", right)
  def glue(left, s, right) when is_binary(s), do: concat(left, concat(break(s), right))
  def flex_glue(left, right), do: flex_glue(left, " ", right)
  def flex_glue(left, s, right) when is_binary(s), do: concat(left, concat(flex_break(s), right))

  def space(:doc_nil, right), do: right
  def space(left, :doc_nil), do: left
  def space(left, right), do: concat(left, concat(" ", right))

  def group(doc, mode \\ :self) when mode in [:self, :inherit], do: {:doc_group, doc, mode}

  def nest(doc, level, mode \\ :always)
  def nest(doc, 0, _mode), do: doc
  def nest(doc, level, mode), do: {:doc_nest, doc, level, mode}

  def force_unfit(doc), do: {:doc_force, doc}
  def next_break_fits(doc, mode \\ :enabled), do: {:doc_fits, doc, mode}
  def collapse_lines(max) when is_integer(max) and max > 0, do: {:doc_collapse, max}

  # Colours are off unless the options ask for them (mote's are never).
  def color(doc, _key, _opts), do: doc

  # The options reach the builtin (base:, binaries:, structs: ...), not only
  # limit and width; but for pretty: a string cannot break where the outer
  # document would, so it stays on one line as before.
  def to_doc(term, %Inspect.Opts{} = opts) do
    Kernel.inspect(term, Map.to_list(Map.drop(opts, [:__struct__, :pretty])))
  end

  def to_doc(term, opts), do: Kernel.inspect(term, limit: opts.limit, width: opts.width)

  def fold_doc([], _fun), do: :doc_nil
  def fold_doc([doc], _fun), do: doc
  def fold_doc([doc | docs], fun), do: fun.(doc, fold_doc(docs, fun))

  # ---- containers -------------------------------------------------------

  def container_doc(left, collection, right, inspect_opts, fun, opts \\ [])
  def container_doc(left, [], right, _inspect_opts, _fun, _opts), do: concat(left, right)

  # Elements joined by the separator; when every element is a plain
  # string the breaks are flex ones (fill the line), else one group.
  def container_doc(left, collection, right, inspect_opts, fun, opts) do
    break = Keyword.get(opts, :break, :maybe)
    sep = Keyword.get(opts, :separator, ",")
    {docs, simple?} = each(collection, inspect_opts.limit, inspect_opts, fun, [], break == :maybe)
    flex? = simple? or break == :flex
    docs = fold_doc(docs, &join(&1, &2, flex?, sep))

    if flex?,
      do: group(concat(concat(left, nest(docs, 1)), right)),
      else: group(glue(nest(glue(left, "", docs), 2), "", right))
  end

  defp each([], _limit, _opts, _fun, acc, simple?), do: {Enum.reverse(acc), simple?}
  defp each(_, 0, _opts, _fun, acc, simple?), do: {Enum.reverse(["..." | acc]), simple?}

  defp each([term | terms], limit, opts, fun, acc, simple?) when is_list(terms) do
    limit = if limit == :infinity, do: limit, else: limit - 1
    doc = fun.(term, %{opts | limit: limit})
    each(terms, limit, opts, fun, [doc | acc], simple? and simple?(doc))
  end

  defp each([left | right], limit, opts, fun, acc, simple?) do
    limit = if limit == :infinity, do: limit, else: limit - 1
    l = fun.(left, %{opts | limit: limit})
    r = fun.(right, %{opts | limit: limit})
    {Enum.reverse([concat(concat(l, " |"), concat(" ", r)) | acc]), simple? and simple?(l) and simple?(r)}
  end

  defp simple?({:doc_cons, l, r}), do: simple?(l) and simple?(r)
  defp simple?({:doc_string, _, _}), do: true
  defp simple?(:doc_nil), do: true
  defp simple?(other), do: is_binary(other)

  defp join(:doc_nil, :doc_nil, _, _), do: :doc_nil
  defp join(left, :doc_nil, _, _), do: left
  defp join(:doc_nil, right, _, _), do: right
  defp join(left, right, true, sep), do: flex_glue(concat(left, sep), right)
  defp join(left, right, false, sep), do: glue(concat(left, sep), right)

  # ---- layout -----------------------------------------------------------

  def format(doc, width) when width == :infinity or (is_integer(width) and width >= 0) do
    lay(width, 0, [{0, :flat, doc}])
  end

  defp lay(_w, _k, []), do: []
  defp lay(w, k, [{_, _, :doc_nil} | t]), do: lay(w, k, t)
  defp lay(w, _k, [{i, _, :doc_line} | t]), do: [indent(i) | lay(w, i, t)]
  defp lay(w, k, [{i, m, {:doc_cons, x, y}} | t]), do: lay(w, k, [{i, m, x}, {i, m, y} | t])
  defp lay(w, k, [{i, m, {:doc_color, x, _}} | t]), do: lay(w, k, [{i, m, x} | t])
  defp lay(w, k, [{_, _, {:doc_string, s, len}} | t]), do: [s | lay(w, k + len, t)]
  defp lay(w, k, [{_, _, s} | t]) when is_binary(s), do: [s | lay(w, k + byte_size(s), t)]
  defp lay(w, k, [{i, _, {:doc_force, x}} | t]), do: lay(w, k, [{i, :break, x} | t])
  defp lay(w, k, [{i, m, {:doc_fits, x, _}} | t]), do: lay(w, k, [{i, m, x} | t])
  defp lay(w, k, [{_, _, {:doc_collapse, _}} | t]), do: lay(w, k, t)
  defp lay(w, k, [{_, m, {:doc_nest, x, :cursor, _}} | t]), do: lay(w, k, [{k, m, x} | t])
  defp lay(w, k, [{_, m, {:doc_nest, x, :reset, _}} | t]), do: lay(w, k, [{0, m, x} | t])
  defp lay(w, k, [{i, :break, {:doc_nest, x, j, :break}} | t]), do: lay(w, k, [{i + j, :break, x} | t])
  defp lay(w, k, [{i, m, {:doc_nest, x, _j, :break}} | t]), do: lay(w, k, [{i, m, x} | t])
  defp lay(w, k, [{i, m, {:doc_nest, x, j, _}} | t]), do: lay(w, k, [{i + j, m, x} | t])
  defp lay(w, k, [{_, :flat, {:doc_break, s, _}} | t]), do: [s | lay(w, k + byte_size(s), t)]

  defp lay(w, k, [{i, :break, {:doc_break, s, :flex}} | t]) do
    k2 = k + byte_size(s)

    if w == :infinity or fits?(w - k2, t),
      do: [s | lay(w, k2, t)],
      else: [indent(i) | lay(w, i, t)]
  end

  defp lay(w, _k, [{i, :break, {:doc_break, _s, :strict}} | t]), do: [indent(i) | lay(w, i, t)]
  defp lay(w, k, [{i, :flat, {:doc_group, x, :inherit}} | t]), do: lay(w, k, [{i, :flat, x} | t])

  defp lay(w, k, [{i, _, {:doc_group, x, _}} | t]) do
    if w == :infinity or fits?(w - k, [{i, :flat, x}]),
      do: lay(w, k, [{i, :flat, x} | t]),
      else: lay(w, k, [{i, :break, x} | t])
  end

  # Whether the entries fit in w columns up to their first newline.
  defp fits?(w, _) when w < 0, do: false
  defp fits?(_w, []), do: true
  # A line inside a flat group takes no width but does not end the
  # measure; in break mode it does.
  defp fits?(w, [{_, :flat, :doc_line} | t]), do: fits?(w, t)
  defp fits?(_w, [{_, _, :doc_line} | _]), do: true
  defp fits?(_w, [{_, :break, {:doc_break, _, _}} | _]), do: true
  defp fits?(w, [{_, _, :doc_nil} | t]), do: fits?(w, t)
  defp fits?(w, [{i, m, {:doc_cons, x, y}} | t]), do: fits?(w, [{i, m, x}, {i, m, y} | t])
  defp fits?(w, [{i, m, {:doc_color, x, _}} | t]), do: fits?(w, [{i, m, x} | t])
  defp fits?(w, [{i, m, {:doc_nest, x, _, _}} | t]), do: fits?(w, [{i, m, x} | t])
  defp fits?(w, [{i, m, {:doc_fits, x, _}} | t]), do: fits?(w, [{i, m, x} | t])
  defp fits?(w, [{i, _, {:doc_group, x, _}} | t]), do: fits?(w, [{i, :flat, x} | t])
  defp fits?(_w, [{_, _, {:doc_force, _}} | _]), do: false
  defp fits?(w, [{_, _, {:doc_collapse, _}} | t]), do: fits?(w, t)
  defp fits?(w, [{_, _, {:doc_string, _, len}} | t]), do: fits?(w - len, t)
  defp fits?(w, [{_, _, s} | t]) when is_binary(s), do: fits?(w - byte_size(s), t)
  defp fits?(w, [{_, :flat, {:doc_break, s, _}} | t]), do: fits?(w - byte_size(s), t)

  defp indent(0), do: "\n"
  defp indent(i), do: "\n" <> String.duplicate(" ", i)
end
