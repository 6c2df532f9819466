# IO.puts/write/inspect, written here because they may wait: output to
# :stdio goes to the calling process's group leader, an I/O server
# speaking the Erlang I/O protocol ({:io_request, from, ref, request} and
# one {:io_reply, ref, reply}), as in Erlang. The shell's evaluator and
# every process spawned from it have the shell's I/O server as group
# leader, so their output reaches the shell (and, later, a remote shell)
# in order. A process without one (scripts, host-spawned processes), and
# :stderr, write straight to the file descriptor (the C builtins of
# lib/io.c, which also turn items into bytes and find the device).
defmodule IO do
  @moduledoc "Writing to the standard output, the standard error and other IO devices."

  @doc "Writes item (chardata or anything with String.Chars) and a newline to device (default :stdio)."
  def puts(item)
  # A struct is written by its String.Chars implementation (to_string/1
  # finds a user's defimpl; the C builtin knows only the built-in types).
  def puts(%{__struct__: _} = item), do: put(:stdio, IO.__chars__(to_string(item), true))
  def puts(item), do: put(:stdio, IO.__chars__(item, true))

  @doc "Writes item and a newline to device: :stdio (the group leader), :stderr, a pid or a registered name."
  def puts(device, item)
  def puts(device, %{__struct__: _} = item), do: put(device, IO.__chars__(to_string(item), true))
  def puts(device, item), do: put(device, IO.__chars__(item, true))

  @doc "Writes item (chardata or anything with String.Chars) to device (default :stdio)."
  def write(item), do: put(:stdio, IO.__chars__(item, false))

  @doc "Writes item to device: :stdio (the group leader), :stderr, a pid or a registered name."
  def write(device, item), do: put(device, IO.__chars__(item, false))

  @doc "Inspects item (Inspect options; :label prefixes it), writes it to device (default :stdio) and returns item."
  def inspect(item), do: inspect(:stdio, item, [])

  @doc "Inspects item with opts (Inspect options; :label prefixes it), writes it to :stdio and returns item."
  def inspect(item, opts), do: inspect(:stdio, item, opts)

  @doc "Inspects item with opts, writes it to device and returns item."
  def inspect(device, item, opts) do
    # Protocol's check uses a user's Inspect impls, then IO.__inspect_chars__.
    put(device, Protocol.__mote_inspect_chars__(item, opts))
    item
  end

  @doc "Writes \"warning: \" and message to :stderr; returns :ok."
  def warn(message), do: warn(message, [])

  def warn(message, _stacktrace_or_env) do
    put(:stderr, IO.__chars__(["warning: ", message], true))
    :ok
  end

  @doc "Writes prompt, reads a line from device (default :stdio): the line with its newline, :eof, or {:error, reason}."
  def gets(prompt), do: gets(:stdio, prompt)

  @doc "Writes prompt, reads a line from device: the line with its newline, :eof, or {:error, reason}."
  def gets(device, prompt) do
    case IO.__target__(device) do
      nil ->
        IO.__write_fd__(:stdio, IO.__chars__(prompt, false))
        IO.__read_line__()

      server ->
        request(server, {:get_line, :unicode, IO.__chars__(prompt, false)})
    end
  end

  @doc "Reads from device (default :stdio): a line (:line) or count characters; :eof at the end."
  def read(device \\ :stdio, line_or_chars)
  def read(device, :line), do: gets(device, "")

  def read(device, count) when is_integer(count) and count >= 0 do
    case IO.__target__(device) do
      nil -> {:error, :enotsup}
      server -> request(server, {:get_chars, :unicode, "", count})
    end
  end

  @doc "Writes prompt and reads count characters from device (default :stdio)."
  def getn(prompt, count \\ 1)
  def getn(prompt, count) when is_integer(count), do: getn(:stdio, prompt, count)
  def getn(device, prompt), do: getn(device, prompt, 1)

  def getn(device, prompt, count) when is_integer(count) and count >= 0 do
    case IO.__target__(device) do
      nil -> {:error, :enotsup}
      server -> request(server, {:get_chars, :unicode, IO.__chars__(prompt, false), count})
    end
  end

  defp put(device, bytes) do
    case IO.__target__(device) do
      nil -> IO.__write_fd__(device, bytes)
      server -> reply(request(server, {:put_chars, :unicode, bytes}))
    end
  end

  # Erlang's io module: monitor the server for the length of the request,
  # so a dead one is an error (:terminated), never a wait forever.
  defp request(server, req) do
    ref = :erlang.monitor(:process, server)
    send(server, {:io_request, self(), ref, req})

    receive do
      {:io_reply, ^ref, reply} ->
        :erlang.demonitor(ref, [:flush])
        reply

      {:DOWN, ^ref, _, _, _} ->
        {:error, :terminated}
    end
  end

  defp reply(:ok), do: :ok
  defp reply({:error, reason}), do: :erlang.error(reason)
  defp reply(other), do: other
end
