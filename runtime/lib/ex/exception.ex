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

  # One stacktrace entry as the uncaught-error report prints it:
  # "file:line: Mod.fun/arity" (arguments inspected when the entry has them).
  def format_stacktrace_entry({module, fun, arity, location}) when is_atom(module) and is_atom(fun) do
    location_prefix(location) <> format_mfa(module, fun, arity)
  end

  def format_stacktrace_entry({fun, arity, location}) when is_function(fun) do
    args = if is_list(arity), do: "(" <> Enum.map_join(arity, ", ", &inspect/1) <> ")", else: "/" <> Integer.to_string(arity)
    location_prefix(location) <> inspect(fun) <> args
  end

  defp location_prefix(location) do
    case Keyword.get(location, :file) do
      nil -> ""
      file -> format_file_line(List.to_string(file), Keyword.get(location, :line), " ")
    end
  end
end
