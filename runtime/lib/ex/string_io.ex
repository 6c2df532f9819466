# StringIO: an I/O device (a process speaking the Erlang I/O protocol)
# that reads from a string and collects what is written to it, as Elixir
# 1.14's. With capture_prompt: true, prompts of reads are written to the
# output too.
defmodule StringIO do
  def open(string, options_or_fun \\ [])

  def open(string, fun) when is_binary(string) and is_function(fun, 1), do: open(string, [], fun)

  def open(string, opts) when is_binary(string) and is_list(opts) do
    state = %{input: string, output: "", prompt?: Keyword.get(opts, :capture_prompt, false)}
    {:ok, spawn(fn -> loop(state) end)}
  end

  # The device lives for the call only; the fun's result comes back.
  def open(string, opts, fun) when is_binary(string) and is_list(opts) and is_function(fun, 1) do
    {:ok, pid} = open(string, opts)

    try do
      {:ok, fun.(pid)}
    after
      close(pid)
    end
  end

  def contents(pid) when is_pid(pid), do: call(pid, :contents)
  def flush(pid) when is_pid(pid), do: call(pid, :flush)
  def close(pid) when is_pid(pid), do: call(pid, :close)

  defp call(pid, req) do
    ref = make_ref()
    send(pid, {:string_io, self(), ref, req})

    receive do
      {^ref, reply} -> reply
    end
  end

  defp loop(state) do
    receive do
      {:io_request, from, ref, req} ->
        {reply, state} = io(req, state)
        send(from, {:io_reply, ref, reply})
        loop(state)

      {:string_io, from, ref, :contents} ->
        send(from, {ref, {state.input, state.output}})
        loop(state)

      {:string_io, from, ref, :flush} ->
        send(from, {ref, state.output})
        loop(%{state | output: ""})

      {:string_io, from, ref, :close} ->
        send(from, {ref, {:ok, {state.input, state.output}}})
    end
  end

  defp io({:put_chars, _enc, chars}, s), do: {:ok, %{s | output: s.output <> IO.chardata_to_string(chars)}}
  defp io({:put_chars, chars}, s), do: io({:put_chars, :unicode, chars}, s)

  defp io({:get_line, _enc, prompt}, s) do
    s = prompted(s, prompt)

    case s.input do
      "" ->
        {:eof, s}

      input ->
        case :binary.split(input, "\n") do
          [line, rest] -> {line <> "\n", %{s | input: rest}}
          [line] -> {line, %{s | input: ""}}
        end
    end
  end

  defp io({:get_chars, _enc, prompt, n}, s) do
    s = prompted(s, prompt)

    case s.input do
      "" ->
        {:eof, s}

      input ->
        {taken, rest} = String.split_at(input, n)
        {taken, %{s | input: rest}}
    end
  end

  defp io(_req, s), do: {{:error, :request}, s}

  defp prompted(%{prompt?: true} = s, prompt), do: %{s | output: s.output <> IO.chardata_to_string(prompt)}
  defp prompted(s, _prompt), do: s
end
