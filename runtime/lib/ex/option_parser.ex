# OptionParser: Elixir 1.14's command-line parsing — parse/parse_head
# (and their ! forms) with :strict or :switches, :aliases, the types
# :boolean :count :integer :float :string and :keep, "--no-" negation,
# "--name=value" and "--" ending the options; split/1 and to_argv/2.
defmodule OptionParser.ParseError do
  defexception [:message]
end

defmodule OptionParser do
  def parse(argv, opts \\ []) when is_list(argv) and is_list(opts), do: run(argv, opts, true) |> public()
  def parse_head(argv, opts \\ []) when is_list(argv) and is_list(opts), do: run(argv, opts, false) |> public()

  def parse!(argv, opts \\ []), do: run(argv, opts, true) |> checked()
  def parse_head!(argv, opts \\ []), do: run(argv, opts, false) |> checked()

  defp public({parsed, args, invalid}), do: {parsed, args, Enum.map(invalid, fn {n, v, _} -> {n, v} end)}

  defp checked({parsed, args, []}), do: {parsed, args}

  defp checked({_, _, invalid}) do
    n = length(invalid)
    head = if n == 1, do: "1 error found!", else: "#{n} errors found!"
    lines = Enum.map(invalid, fn {name, _, reason} -> "#{name} : #{reason}" end)
    raise OptionParser.ParseError, Enum.join([head | lines], "\n")
  end

  # all?: keep going after a non-option argument (parse) or stop at the
  # first one (parse_head).
  defp run(argv, opts, all?) do
    strict = Keyword.get(opts, :strict)
    cfg = %{types: strict || Keyword.get(opts, :switches, []), strict?: strict != nil,
            aliases: Keyword.get(opts, :aliases, [])}
    walk(argv, cfg, all?, [], [], [])
  end

  defp walk([], _cfg, _all?, parsed, args, inv), do: {Enum.reverse(parsed), Enum.reverse(args), Enum.reverse(inv)}
  defp walk(["--" | rest], _cfg, _all?, parsed, args, inv),
    do: {Enum.reverse(parsed), Enum.reverse(args, rest), Enum.reverse(inv)}

  defp walk([arg | rest], cfg, all?, parsed, args, inv) do
    case option(arg, cfg) do
      nil when all? -> walk(rest, cfg, all?, parsed, [arg | args], inv)
      nil -> {Enum.reverse(parsed), Enum.reverse(args, [arg | rest]), Enum.reverse(inv)}
      {written, name, neg?, inline} -> take(written, name, neg?, inline, rest, cfg, all?, parsed, args, inv)
    end
  end

  # {as written, key name, negated?, "=value" or nil} for an option.
  defp option("--" <> body = arg, _cfg) when body != "" do
    {name, inline} =
      case String.split(body, "=", parts: 2) do
        [n, v] -> {n, v}
        [n] -> {n, nil}
      end

    written = if inline, do: "--" <> name, else: arg
    key = String.replace(name, "-", "_")

    case key do
      "no_" <> base -> {written, base, true, inline}
      _ -> {written, key, false, inline}
    end
  end

  defp option("-" <> body = arg, cfg) when body != "" do
    if number?(arg) do
      nil
    else
      {name, inline} =
        case String.split(body, "=", parts: 2) do
          [n, v] -> {n, v}
          [n] -> {n, nil}
        end

      case Enum.find(cfg.aliases, fn {a, _} -> Atom.to_string(a) == name end) do
        {_, target} -> {"-" <> name, Atom.to_string(target), false, inline}
        nil -> {"-" <> name, name, false, inline}
      end
    end
  end

  defp option(_arg, _cfg), do: nil

  defp number?(s), do: match?({_, ""}, Float.parse(s)) or match?({_, ""}, Integer.parse(s))

  defp take(written, name, neg?, inline, rest, cfg, all?, parsed, args, inv) do
    case type_of(cfg.types, name, neg?) do
      {:ok, key, types} ->
        value(written, key, types, neg?, inline, rest, cfg, all?, parsed, args, inv)

      :unknown when cfg.strict? ->
        walk(rest, cfg, all?, parsed, args, [{written, inline, "Unknown option"} | inv])

      :unknown ->
        key = String.to_atom(name)

        cond do
          neg? -> walk(rest, cfg, all?, put(parsed, key, false, false), args, inv)
          inline != nil -> walk(rest, cfg, all?, put(parsed, key, inline, false), args, inv)
          match?([v | _] when binary_part(v, 0, 1) != "-", rest) and hd(rest) != "" ->
            walk(tl(rest), cfg, all?, put(parsed, key, hd(rest), false), args, inv)
          true -> walk(rest, cfg, all?, put(parsed, key, true, false), args, inv)
        end
    end
  end

  # A negated name is only known for a boolean switch.
  defp type_of(types, name, neg?) do
    case Enum.find(types, fn {k, _} -> Atom.to_string(k) == name end) do
      {k, t} ->
        ts = List.wrap(t)
        if neg? and :boolean not in ts, do: :unknown, else: {:ok, k, ts}

      nil ->
        :unknown
    end
  end

  defp value(written, key, types, neg?, inline, rest, cfg, all?, parsed, args, inv) do
    keep? = :keep in types
    type = Enum.find(types -- [:keep], :string, & &1)

    case type do
      :boolean -> walk(rest, cfg, all?, put(parsed, key, not neg?, keep?), args, inv)
      :count -> walk(rest, cfg, all?, put(parsed, key, Keyword.get(parsed, key, 0) + 1, false), args, inv)
      _ ->
        {raw, rest} =
          cond do
            inline != nil -> {inline, rest}
            rest != [] and (not String.starts_with?(hd(rest), "-") or number?(hd(rest))) -> {hd(rest), tl(rest)}
            true -> {nil, rest}
          end

        case convert(type, raw) do
          {:ok, v} -> walk(rest, cfg, all?, put(parsed, key, v, keep?), args, inv)
          :missing -> walk(rest, cfg, all?, parsed, args, [{written, nil, "Missing argument of type #{type}"} | inv])
          :error -> walk(rest, cfg, all?, parsed, args, [{written, raw, "Expected type #{type}, got #{inspect(raw)}"} | inv])
        end
    end
  end

  defp convert(_type, nil), do: :missing
  defp convert(:string, raw), do: {:ok, raw}

  defp convert(:integer, raw) do
    case Integer.parse(raw) do
      {n, ""} -> {:ok, n}
      _ -> :error
    end
  end

  defp convert(:float, raw) do
    case Float.parse(raw) do
      {f, ""} -> {:ok, f}
      _ -> :error
    end
  end

  # parsed is reversed: a repeated switch replaces its value unless kept.
  defp put(parsed, key, v, true), do: [{key, v} | parsed]
  defp put(parsed, key, v, false), do: [{key, v} | Keyword.delete(parsed, key)]

  # ---- argv <-> strings -------------------------------------------------

  # Words split on whitespace; quotes group, a backslash escapes.
  def split(string) when is_binary(string), do: words(string, "", [], nil, false)

  defp words("", buf, acc, _q, started?), do: Enum.reverse(if started?, do: [buf | acc], else: acc)
  defp words("\\" <> <<c::utf8, rest::binary>>, buf, acc, q, _), do: words(rest, buf <> <<c::utf8>>, acc, q, true)
  defp words(<<q, rest::binary>>, buf, acc, q, _) when q in [?", ?'], do: words(rest, buf, acc, nil, true)
  defp words(<<q, rest::binary>>, buf, acc, nil, _) when q in [?", ?'], do: words(rest, buf, acc, q, true)

  defp words(<<c, rest::binary>>, buf, acc, nil, started?) when c in [?\s, ?\t, ?\n, ?\r] do
    if started?, do: words(rest, "", [buf | acc], nil, false), else: words(rest, buf, acc, nil, false)
  end

  defp words(<<c::utf8, rest::binary>>, buf, acc, q, _), do: words(rest, buf <> <<c::utf8>>, acc, q, true)

  def to_argv(enum, opts \\ []) do
    switches = Keyword.get(opts, :switches, [])

    Enum.flat_map(enum, fn
      {_k, nil} -> []
      {k, true} -> [flag(k)]
      {k, false} -> ["--no-" <> String.replace(Atom.to_string(k), "_", "-")]
      {k, v} ->
        if Keyword.get(switches, k) == :count and is_integer(v),
          do: List.duplicate(flag(k), v),
          else: [flag(k), to_string(v)]
    end)
  end

  defp flag(k), do: "--" <> String.replace(Atom.to_string(k), "_", "-")
end
