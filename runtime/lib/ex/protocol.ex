# Protocol: the dispatch behind defprotocol (the compiler, comp_proto.c,
# turns a protocol's functions into calls through Protocol.__mote_impl__/3).
# The implementation of protocol P for a value is the module P.T, looked
# up at call time: T is the struct's module for a struct (falling back to
# P.Any only), else the built-in type, then P.Any when the protocol says
# @fallback_to_any true. Modules are found by their __impl__/1, which
# every defimpl defines. The lookup itself is C (lib/proto.c,
# __mote_impl__/3 and __mote_struct_impl__/2), cached per scheduler until
# the next module load.
defmodule Protocol do
  def __mote_impl_for__(proto, value, fallback), do: Protocol.__mote_impl__(proto, value, fallback)

  def __mote_impl_for__!(proto, value, fallback) do
    case __mote_impl_for__(proto, value, fallback) do
      nil -> raise Protocol.UndefinedError, protocol: proto, value: value, description: ""
      mod -> mod
    end
  end

  def consolidated?(protocol), do: protocol.__protocol__(:consolidated?)

  def assert_protocol!(module) do
    loaded!(module)

    if function_exported?(module, :__protocol__, 1),
      do: :ok,
      else: raise(ArgumentError, "#{inspect(module)} is not a protocol")
  end

  # Elixir's own impls of the standard protocols (String.Chars.Integer ...)
  # are no modules in mote: a value of the type asks the dispatch instead.
  def assert_impl!(protocol, base) do
    impl = Module.concat(protocol, base)

    cond do
      function_exported?(impl, :__impl__, 1) ->
        case impl.__impl__(:protocol) do
          ^protocol -> :ok
          other -> raise ArgumentError, "expected #{inspect(impl)} to be an implementation of #{inspect(protocol)}, got: #{inspect(other)}"
        end

      Protocol.__mote_impl__(protocol, sample(base), false) == impl ->
        :ok

      true ->
        loaded!(impl)
        raise ArgumentError, "#{inspect(impl)} is not an implementation of a protocol"
    end
  end

  defp loaded!(mod) do
    if not :erlang.module_loaded(mod),
      do: raise(ArgumentError, "could not load module #{inspect(mod)} due to reason :nofile")
  end

  defp sample(Integer), do: 0
  defp sample(Float), do: 0.0
  defp sample(Atom), do: :a
  defp sample(List), do: []
  defp sample(BitString), do: ""
  defp sample(Tuple), do: {}
  defp sample(Map), do: %{}
  defp sample(Function), do: &is_atom/1
  defp sample(PID), do: self()
  defp sample(Reference), do: make_ref()
  defp sample(base), do: %{__struct__: base}

  # to_string/1 and interpolation of a value that is not a binary (the
  # compiler sends them here): String.Chars.to_string/1 (lib/ex/protocols.ex)
  # uses a struct's String.Chars implementation, else the builtin.
  def __mote_to_string__(x), do: String.Chars.to_string(x)

  # to_charlist/1: List.Chars (lib/ex/protocols.ex), which tries a
  # struct's own implementation.
  def __mote_to_charlist__(x), do: List.Chars.to_charlist(x)

  # inspect/1,2 and IO.inspect/1,2 (the compiler sends them here): a
  # struct with an Inspect implementation is shown by it (its document
  # laid out at opts' width), anything else by the builtin. Once any
  # Inspect impl exists (the marker module Inspect.MoteImpls, which
  # defimpl Inspect defines), lists, tuples and maps are searched for such
  # structs too: each is swapped for a placeholder atom, the builtin shows
  # the result, and the placeholders (as wide as the texts when they can
  # be) are replaced by the impls' text.
  def __mote_inspect__(x, opts \\ [])

  def __mote_inspect__(x, opts) when is_list(opts) do
    if (is_map(x) or is_list(x) or is_tuple(x)) and Keyword.get(opts, :structs) != false and
         function_exported?(Inspect.MoteImpls, :__impl__, 1) do
      {y, subs} = subst(x, opts, [])

      Enum.reduce(subs, Protocol.__mote_builtin_inspect__(y, opts), fn {ph, text}, out ->
        String.replace(out, ph, text)
      end)
    else
      Protocol.__mote_builtin_inspect__(x, opts)
    end
  end

  def __mote_inspect__(x, opts), do: Protocol.__mote_builtin_inspect__(x, opts)

  # IO.inspect/1,2 calls (the compiler sends them here) go to io.ex's
  # IO.inspect, which asks __mote_inspect_chars__ for its text: a capture
  # &IO.inspect/1 reaches that function too.
  def __mote_io_inspect__(x, opts \\ []), do: IO.inspect(x, opts)

  # IO.inspect's text (label, newline) for lib/ex/io.ex: once any Inspect
  # impl exists and item may hold a struct, laid out by __mote_inspect__ at
  # the width (IO.inspect always breaks long lines); else the builtin's.
  def __mote_inspect_chars__(item, opts) when is_list(opts) do
    if (is_map(item) or is_list(item) or is_tuple(item)) and
         function_exported?(Inspect.MoteImpls, :__impl__, 1) do
      text = __mote_inspect__(item, Keyword.put(Keyword.delete(opts, :label), :pretty, true))

      case Keyword.fetch(opts, :label) do
        {:ok, label} -> :erlang.iolist_to_binary([to_string(label), ": ", text, "\n"])
        :error -> text <> "\n"
      end
    else
      IO.__inspect_chars__(item, opts)
    end
  end

  def __mote_inspect_chars__(item, opts), do: IO.__inspect_chars__(item, opts)

  defp subst(%{__struct__: s} = x, opts, subs) when is_atom(s) do
    case Protocol.__mote_struct_impl__(Inspect, s) do
      nil ->
        subst_map(x, opts, subs)

      mod ->
        text = impl_inspect(mod, x, opts)
        name = placeholder(length(subs), String.length(text))
        {:erlang.binary_to_atom(name, :utf8), [{":" <> name, text} | subs]}
    end
  end

  # The placeholder atom for the n-th substitution, as wide as the text
  # (":" and the name) when it can be, so the builtin breaks lines where the
  # text would. Later (larger n) names are replaced first, so a short name
  # that is a prefix of a later one is never hit inside it.
  defp placeholder(n, width) do
    # "m@" and the index in base 36: short, and no atom a program writes.
    base = "m@" <> String.downcase(Integer.to_string(n, 36))
    pad = width - 1 - byte_size(base)
    if pad > 0, do: base <> String.duplicate("_", pad), else: base
  end

  defp subst(x, opts, subs) when is_map(x), do: subst_map(x, opts, subs)

  defp subst(x, opts, subs) when is_tuple(x) do
    {l, subs} = subst_list(:erlang.tuple_to_list(x), opts, subs)
    {:erlang.list_to_tuple(l), subs}
  end

  defp subst(x, opts, subs) when is_list(x), do: subst_list(x, opts, subs)
  defp subst(x, _opts, subs), do: {x, subs}

  defp subst_list([], _opts, subs), do: {[], subs}

  defp subst_list([h | t], opts, subs) do
    {h, subs} = subst(h, opts, subs)
    {t, subs} = subst_list(t, opts, subs)
    {[h | t], subs}
  end

  # The tail of an improper list.
  defp subst_list(t, opts, subs), do: subst(t, opts, subs)

  defp subst_map(m, opts, subs) do
    :maps.fold(
      fn
        :__struct__, v, {acc, subs} ->
          {:maps.put(:__struct__, v, acc), subs}

        k, v, {acc, subs} ->
          {k2, subs} = subst(k, opts, subs)
          {k2, subs} = struct_key(k, k2, subs)
          {v, subs} = subst(v, opts, subs)
          {:maps.put(k2, v, acc), subs}
      end,
      {%{}, subs},
      m
    )
  end

  # @derive {Inspect, only: ..., except: ...} (comp_proto.c's
  # derive_redacted): #Name<field: value, ..., ...> with the shown fields in
  # defstruct order, or the plain %Name{...} when only names every field
  # and except none, as Elixir decides.
  def __mote_redacted__(%{__struct__: mod} = s, derive, %Inspect.Opts{} = o) do
    fields = Protocol.__mote_struct_fields__(mod)
    only = Keyword.get(derive, :only, fields)
    except = Keyword.get(derive, :except, [])

    if Enum.sort(only) == Enum.sort(fields) and except == [] do
      Protocol.__mote_builtin_inspect__(s, limit: o.limit, width: o.width, pretty: o.pretty)
    else
      shown = for f <- fields, f in only, f not in except, do: f
      more = :"$mote_more"

      field = fn
        ^more, _ -> "..."
        f, o2 -> Inspect.Algebra.concat(key_text(f) <> ": ", Inspect.Algebra.to_doc(Map.get(s, f), o2))
      end

      open = "#" <> Protocol.__mote_builtin_inspect__(mod) <> "<"
      Inspect.Algebra.container_doc(open, shown ++ [more], ">", o, field, separator: ",", break: :strict)
    end
  end

  # A keyword key as inspect writes it (name, or "a b" quoted).
  defp key_text(f) do
    k = Protocol.__mote_builtin_inspect__([{f, 0}])
    binary_part(k, 1, byte_size(k) - 5)
  end

  # A struct key shown by an impl becomes {:k@...} instead of the :m@...
  # placeholder: not an atom, so the map is still shown with => for every
  # key as Elixir shows it, and not a {:m@...} a tuple value could print.
  defp struct_key(k, ph, [{_, text} | _] = subs) when is_map(k) and is_atom(ph) do
    "m" <> rest = Atom.to_string(ph)
    name = "k" <> rest
    {{:erlang.binary_to_atom(name, :utf8)}, [{"{:" <> name <> "}", text} | subs]}
  end

  defp struct_key(_k, k2, subs), do: {k2, subs}

  defp impl_inspect(mod, x, opts) do
    o = Inspect.Opts.new(Keyword.delete(opts, :label))
    doc = mod.inspect(x, o)
    IO.iodata_to_binary(Inspect.Algebra.format(doc, o.width))
  end
end
