# Dev tool, not part of CI: turns Elixir's own doctests into conformance-style
# cases (NAME.exs + NAME.out) in a temporary directory, so mote can be probed
# against far more examples than the public sample holds.
#
#   elixir scripts/doctest_probe.exs [OUT_DIR] [Module ...]
#
# OUT_DIR defaults to /tmp/doctests. Modules default to the list below. Each
# doc's `iex>` examples are split into tests the way ExUnit.DocTest does (a
# blank line ends a test; expressions in one test share bindings), each test
# becomes one .exs, and real elixir runs it to produce the expected .out.
# Tests elixir itself fails on, or whose output shows pids, refs, ports or
# funs (never reproducible), are dropped. Nothing here is copied into the
# repository: run scripts/doctest_run.sh against OUT_DIR.

defmodule DoctestProbe do
  @default_modules [
    Kernel, Enum, String, List, Keyword, Map, Integer, Tuple, Process, Registry,
    Agent, Task, Float, Stream, MapSet, Range, Access, Atom, Function, Base,
    Bitwise, Date, Time, NaiveDateTime, DateTime, Calendar, Regex, URI, Path,
    Exception, Macro, Inspect, Kernel.SpecialForms, Integer, Tuple, IO, Enumerable,
    Inspect.Algebra, Record, Module, Code, Protocol, String.Chars, List.Chars,
    OptionParser, Version, System, StringIO, Collectable, Date.Range, IO.ANSI
  ]

  # Calls that only build data: an expected value made of these alone is
  # printable, anything else (self(), a variable) is compared with ===.
  @data_forms [:{}, :%{}, :%, :__aliases__, :<<>>, :-, :+, :.., :"..//", :"::", :|, :__block__]

  def main(argv) do
    {dir, mods} =
      case argv do
        [] -> {"/tmp/doctests", @default_modules}
        [d] -> {d, @default_modules}
        [d | ms] -> {d, Enum.map(ms, &Module.concat([&1]))}
      end

    File.mkdir_p!(dir)
    cases = mods |> Enum.uniq() |> Enum.flat_map(&module_cases/1)
    IO.puts(:stderr, "#{length(cases)} candidate cases; running them on elixir")

    kept =
      cases
      |> Enum.count(&expect(dir, &1))

    IO.puts(:stderr, "#{kept} cases written to #{dir}")
  end

  # Modules whose examples start processes or use the process dictionary run
  # in an elixir of their own; the rest are evaluated in this VM, each in a
  # fresh process whose group leader captures its output (an elixir start per
  # case would take most of an hour for the whole set).
  @own_vm [Process, Registry, Agent, Task]

  # Writes NAME.exs, runs it and keeps it (with NAME.out) only when it ends
  # without an error and prints nothing unreproducible.
  defp expect(dir, {mod, name, text}) do
    exs = Path.join(dir, name <> ".exs")
    File.write!(exs, text)
    {out, rc} = if mod in @own_vm, do: run_os(exs), else: run_here(exs, text)

    if rc == 0 and not Regex.match?(~r/#(PID|Reference|Function|Port)</, out) do
      File.write!(Path.join(dir, name <> ".out"), out)
      true
    else
      File.rm(exs)
      false
    end
  end

  defp run_os(exs), do: System.cmd("timeout", ["20", "elixir", exs])

  defp run_here(exs, text) do
    parent = self()

    {pid, mref} =
      spawn_monitor(fn ->
        {:ok, io} = StringIO.open("")
        Process.group_leader(self(), io)

        rc =
          try do
            Code.eval_string(text, [], file: exs)
            0
          rescue
            _ -> 1
          catch
            _, _ -> 1
          end

        {_, out} = StringIO.contents(io)
        send(parent, {self(), rc, out})
      end)

    receive do
      {^pid, rc, out} ->
        Process.demonitor(mref, [:flush])
        {out, rc}

      {:DOWN, ^mref, _, _, _} ->
        {"", 1}
    after
      10_000 ->
        Process.exit(pid, :kill)
        {"", 1}
    end
  end

  defp module_cases(mod) do
    case Code.fetch_docs(mod) do
      {:docs_v1, _, _, _, moddoc, _, docs} ->
        mname = mod |> inspect() |> String.replace(".", "") |> Macro.underscore() |> String.replace("/", "_")
        top = doc_cases(mod, mname, "moduledoc", "#{inspect(mod)} moduledoc", moddoc)

        rest =
          Enum.flat_map(docs, fn {{_kind, fun, arity}, _, _, doc, _} ->
            doc_cases(mod, mname, "#{fun_name(fun)}_#{arity}", "#{inspect(mod)}.#{fun}/#{arity}", doc)
          end)

        top ++ rest

      _ ->
        IO.puts(:stderr, "no docs for #{inspect(mod)}")
        []
    end
  end

  defp doc_cases(mod, mname, key, source, %{"en" => text}) do
    text
    |> tests()
    |> Enum.with_index(1)
    |> Enum.map(fn {steps, n} ->
      {mod, "doc_#{mname}_#{key}_#{n}", header(source) <> script(steps)}
    end)
  end

  defp doc_cases(_, _, _, _, _), do: []

  defp header(source) do
    "# tier: 1\n# source: doctest #{source} (probe)\n# exit: 0\n"
  end

  defp fun_name(fun) do
    names = %{
      "++" => "list_concat", "--" => "list_subtract", "=" => "match_op", "&" => "capture",
      "<<>>" => "bitstring", "." => "dot", "{}" => "tuple", "%{}" => "map", "%" => "struct",
      "^" => "pin", "::" => "type", "__aliases__" => "aliases", "|>" => "pipe", "=~" => "match_regex",
      ".." => "range", "..//" => "range_step", "<>" => "binary_concat", "|" => "cons"
    }

    s = Atom.to_string(fun)

    case names do
      %{^s => n} -> n
      _ ->
        s
        |> String.replace("?", "_q")
        |> String.replace("!", "_bang")
        |> then(fn t ->
          if t =~ ~r/^[a-z_][a-z0-9_]*$/i, do: t,
          else: "op" <> (t |> String.to_charlist() |> Enum.map_join(&Integer.to_string/1))
        end)
    end
  end

  # A test is a list of {expression, expected} where expected is "" when the
  # expression is followed directly by another iex> line.
  defp tests(text) do
    text
    |> String.split("\n")
    |> Enum.map(&String.trim/1)
    |> collect([], nil, [])
  end

  # cur: the expression being read ({:expr, lines}) or the expected lines of
  # the last one ({:exp, expr, lines}); acc: steps of the current test.
  defp collect([], acc, cur, out), do: finish(acc, cur, out) |> Enum.reverse()

  defp collect([line | rest], acc, cur, out) do
    cond do
      prompt(line, "iex") != nil ->
        acc = close(acc, cur)
        collect(rest, acc, {:expr, [prompt(line, "iex")]}, out)

      match?({:expr, _}, cur) and prompt(line, "...") != nil ->
        {:expr, ls} = cur
        collect(rest, acc, {:expr, ls ++ [prompt(line, "...")]}, out)

      line == "" or String.starts_with?(line, "```") ->
        collect(rest, [], nil, finish(acc, cur, out))

      match?({:expr, _}, cur) ->
        {:expr, ls} = cur
        collect(rest, acc, {:exp, Enum.join(ls, "\n"), [line]}, out)

      match?({:exp, _, _}, cur) ->
        {:exp, e, ls} = cur
        collect(rest, acc, {:exp, e, ls ++ [line]}, out)

      true ->
        collect(rest, acc, cur, out)
    end
  end

  defp prompt(line, p) do
    case Regex.run(~r/^#{Regex.escape(p)}(\(\d+\))?>( ?)(.*)$/, line) do
      [_, _, _, rest] -> rest
      _ -> nil
    end
  end

  defp close(acc, nil), do: acc
  defp close(acc, {:expr, ls}), do: acc ++ [{Enum.join(ls, "\n"), ""}]
  defp close(acc, {:exp, e, ls}), do: acc ++ [{e, Enum.join(ls, "\n")}]

  defp finish(acc, cur, out) do
    case close(acc, cur) do
      [] -> out
      steps -> [steps | out]
    end
  end

  # Steps without an expected value run first, inside the next inspected
  # expression, as the public cases do.
  defp script(steps) do
    {lines, pending} =
      Enum.reduce(steps, {[], []}, fn {e, exp}, {lines, pend} ->
        cond do
          exp == "" -> {lines, pend ++ [e]}
          String.starts_with?(exp, "** (") -> {lines ++ [raising(pend ++ [e])], []}
          printable?(exp) -> {lines ++ [inspected(pend ++ [e])], []}
          true -> {lines ++ [compared(pend ++ [e], exp)], []}
        end
      end)

    Enum.join(lines ++ pending, "\n") <> "\n"
  end

  defp body([e]), do: e
  defp body(es), do: "(\n" <> Enum.join(es, "\n") <> "\n)"

  defp inspected([e]), do: "IO.inspect(#{e})"
  defp inspected(es), do: "IO.inspect(#{body(es)})"

  defp compared(es, exp), do: "doc_result = #{body(es)}\nIO.inspect(doc_result === #{exp})"

  defp raising(es) do
    "try do\n  " <> Enum.join(es, "\n  ") <>
      "\nrescue\n  e -> IO.puts(\"** (\" <> inspect(e.__struct__) <> \") \" <> Exception.message(e))\nend"
  end

  defp printable?(exp) do
    case Code.string_to_quoted(exp) do
      {:ok, ast} -> data?(ast)
      _ -> true
    end
  end

  defp data?({name, _, args}) when is_list(args) do
    (name in @data_forms or sigil?(name)) and Enum.all?(args, &data?/1)
  end

  defp data?({:__aliases__, _, _}), do: true
  defp data?({_, _, ctx}) when is_atom(ctx), do: false
  defp data?({a, b}), do: data?(a) and data?(b)
  defp data?(l) when is_list(l), do: Enum.all?(l, &data?/1)
  defp data?(_), do: true

  defp sigil?(name) when is_atom(name), do: String.starts_with?(Atom.to_string(name), "sigil_")
  defp sigil?(_), do: false
end

DoctestProbe.main(System.argv())
