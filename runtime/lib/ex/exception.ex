# Exception helpers written in the language; message/1, format/2,3,
# format_banner and the exception structs themselves are C (lib/exc*.c).
defmodule Exception do
  def format_mfa(module, fun, arity) when is_atom(module) and is_atom(fun) do
    args =
      if is_list(arity) do
        "(" <> Enum.map_join(arity, ", ", &inspect/1) <> ")"
      else
        "/" <> Integer.to_string(arity)
      end

    inspect(module) <> "." <> fun_name(fun) <> args
  end

  # A name that is not a plain identifier is quoted: Foo."bar baz"/1.
  defp fun_name(fun) do
    text = Atom.to_string(fun)
    if Regex.match?(~r/^[a-z_][a-zA-Z0-9_]*[?!]?$/, text) or operator?(text),
      do: text,
      else: inspect(text)
  end

  defp operator?(text) do
    text in ~w(+ - * / == != === !== < > <= >= && || ! <> ++ -- .. |> =~ ** in and or not) or
      text in ["@", "^", "&&&", "|||", "<<<", ">>>", "^^^", "~~~"]
  end

  def format_file_line(file, line, suffix \\ "") do
    cond do
      is_nil(file) -> ""
      is_nil(line) or line == 0 -> "#{file}:#{suffix}"
      true -> "#{file}:#{line}:#{suffix}"
    end
  end

  def format_file_line_column(file, line, column, suffix \\ "") do
    cond do
      is_nil(file) -> ""
      is_nil(line) or line == 0 -> "#{file}:#{suffix}"
      is_nil(column) or column == 0 -> "#{file}:#{line}:#{suffix}"
      true -> "#{file}:#{line}:#{column}:#{suffix}"
    end
  end
end
