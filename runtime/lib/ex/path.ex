# Path: Elixir 1.14's Path module for Unix paths — join, split, basename,
# dirname, extname, rootname, type, relative, relative_to, absname, expand,
# safe_relative and safe_relative_to. Pure string work, as Elixir's is; the
# one outside fact, the current directory (absname/1, expand/1), is read
# from $PWD because mote has no File.cwd yet (a cd inside the program is
# not seen). Arguments may be chardata, as in Elixir.
defmodule Path do
  def type(path) do
    if String.starts_with?(str(path), "/"), do: :absolute, else: :relative
  end

  # ---- joining and splitting --------------------------------------------

  def join([name]), do: str(name)
  def join([a, b | rest]), do: join([join(a, b) | rest])

  def join(left, right) do
    left = str(left)
    right = str(right)

    joined =
      cond do
        right == "/" -> drop_sep(left)
        left == "" -> relative(right)
        left == "/" -> "/" <> relative(right)
        true -> drop_sep(left) <> "/" <> relative(right)
      end

    drop_sep(joined)
  end

  # One trailing "/" goes, unless it is the whole path.
  defp drop_sep(""), do: ""
  defp drop_sep("/"), do: "/"

  defp drop_sep(p) do
    if :binary.last(p) == ?/, do: binary_part(p, 0, byte_size(p) - 1), else: p
  end

  def split(path) do
    path = str(path)
    parts = for seg <- :binary.split(path, "/", [:global]), seg != "", do: seg
    if String.starts_with?(path, "/"), do: ["/" | parts], else: parts
  end

  def relative(path) do
    path = str(path)

    case path do
      "/" <> rest -> rest
      _ -> path
    end
  end

  # ---- parts of a path --------------------------------------------------

  def basename(path) do
    path |> str() |> String.trim_trailing("/") |> last_segment()
  end

  def basename(path, ext) do
    base = basename(path)
    ext = str(ext)

    if ext != "" and String.ends_with?(base, ext) do
      binary_part(base, 0, byte_size(base) - byte_size(ext))
    else
      base
    end
  end

  defp last_segment(p), do: p |> :binary.split("/", [:global]) |> List.last()

  def dirname(path) do
    p = str(path)

    case :binary.matches(p, "/") do
      [] ->
        "."

      ms ->
        {at, _} = List.last(ms)

        case String.trim_trailing(binary_part(p, 0, at), "/") do
          "" -> "/"
          d -> d
        end
    end
  end

  # A base name's only leading dot (".gitignore") starts no extension.
  def extname(path) do
    base = basename(path)

    case :binary.matches(base, ".") do
      [] -> ""
      [{0, _}] -> ""
      ms -> binary_part(base, elem(List.last(ms), 0), byte_size(base) - elem(List.last(ms), 0))
    end
  end

  def rootname(path) do
    p = str(path)
    base = basename(p)

    case :binary.matches(base, ".") do
      [] -> p
      ms -> binary_part(p, 0, byte_size(p) - (byte_size(base) - elem(List.last(ms), 0)))
    end
  end

  def rootname(path, ext) do
    p = str(path)
    ext = str(ext)

    if String.ends_with?(p, ext) and String.ends_with?(basename(p), ext) and ext != "",
      do: binary_part(p, 0, byte_size(p) - byte_size(ext)),
      else: p
  end

  # ---- absolute and relative --------------------------------------------

  def absname(path), do: absname(path, cwd())

  # Joined as Erlang's filename:absname does: "." segments go except the
  # last, ".." segments stay.
  def absname(path, relative_to) do
    path = str(path)
    segs = if type(path) == :absolute, do: split(path), else: split(relative_to) ++ split(path)
    segs |> drop_dots() |> glue()
  end

  defp drop_dots([]), do: []
  defp drop_dots(["."]), do: ["."]
  defp drop_dots(["." | t]), do: drop_dots(t)
  defp drop_dots([h | t]), do: [h | drop_dots(t)]

  defp glue([]), do: ""
  defp glue(["/" | t]), do: "/" <> Enum.join(t, "/")
  defp glue(segs), do: Enum.join(segs, "/")

  def expand(path), do: expand(path, cwd())

  # "~" is the home directory; "." and ".." are resolved; ".." above the
  # root stays at the root.
  def expand(path, relative_to) do
    path = home(str(path))
    full = if type(path) == :absolute, do: path, else: absname(path, expand(relative_to))
    segs = full |> split() |> tl() |> Enum.reduce([], &resolve/2) |> Enum.reverse()
    "/" <> Enum.join(segs, "/")
  end

  defp resolve(".", acc), do: acc
  defp resolve("..", []), do: []
  defp resolve("..", [_ | acc]), do: acc
  defp resolve(seg, acc), do: [seg | acc]

  defp home("~"), do: System.get_env("HOME") || "~"
  defp home("~/" <> rest), do: (System.get_env("HOME") || "~") <> "/" <> rest
  defp home(p), do: p

  defp cwd, do: System.get_env("PWD") || "/"

  def relative_to(path, from) do
    path = str(path)
    rel(split(path), split(str(from)), path)
  end

  defp rel([h | t1], [h | t2], orig), do: rel(t1, t2, orig)
  defp rel([], [], _orig), do: "."
  defp rel([_ | _] = l, [], _orig), do: join(l)
  defp rel(_, _, orig), do: orig

  def relative_to_cwd(path), do: relative_to(path, cwd())

  # ---- safe relative paths ----------------------------------------------

  def safe_relative(path) do
    path = str(path)
    if type(path) == :absolute, do: :error, else: safe(split(path), [])
  end

  # As filelib:safe_relative_path: an absolute path is never safe; cwd
  # would only matter for symbolic links, which are not followed here.
  def safe_relative_to(path, _cwd), do: safe_relative(path)

  defp safe([], acc), do: {:ok, acc |> Enum.reverse() |> Enum.join("/")}
  defp safe(["." | t], acc), do: safe(t, acc)
  defp safe([".." | _], []), do: :error
  defp safe([".." | t], [_ | acc]), do: safe(t, acc)
  defp safe([h | t], acc), do: safe(t, [h | acc])

  defp str(p) when is_binary(p), do: p
  defp str(p) when is_atom(p), do: Atom.to_string(p)
  defp str(p), do: IO.chardata_to_string(p)
end
