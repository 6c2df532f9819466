# Process: the functions of Process written in the language; the rest of
# the module is builtins (proc_bifs.c), which a call reaches when no
# function here has its name and arity. This module replaces the one
# prelude.c defines first, so it carries that one's sleep/1 as well.
defmodule Process do
  def sleep(:infinity) do
    receive do
    after
      :infinity -> :ok
    end
  end

  def sleep(ms) when is_integer(ms) and ms >= 0 do
    receive do
    after
      ms -> :ok
    end
  end

  # info/2: another process's :messages come from that process itself
  # (only it may walk its queue), so asking for them sends it a request
  # (Process.__ask_messages__) and waits for its reply; every other item
  # is the builtin's (Process.__info__).
  def info(pid, :messages) when is_pid(pid) do
    if pid == self() do
      Process.__info__(pid, :messages)
    else
      case others_messages(pid) do
        :undefined -> nil
        msgs -> {:messages, msgs}
      end
    end
  end

  def info(pid, spec) when is_pid(pid) and is_list(spec) do
    if pid != self() and :lists.member(:messages, spec) do
      with msgs when is_list(msgs) <- others_messages(pid),
           items when is_list(items) <- Process.__info__(pid, without_messages(spec)) do
        merge_messages(spec, items, msgs)
      else
        _ -> nil
      end
    else
      Process.__info__(pid, spec)
    end
  end

  def info(pid, spec), do: Process.__info__(pid, spec)

  defp others_messages(pid) do
    case Process.__ask_messages__(pid) do
      :undefined ->
        :undefined

      ref ->
        receive do
          {^ref, msgs} -> msgs
        end
    end
  end

  defp without_messages([:messages | t]), do: without_messages(t)
  defp without_messages([h | t]), do: [h | without_messages(t)]
  defp without_messages(other), do: other

  defp merge_messages([:messages | t], items, msgs), do: [{:messages, msgs} | merge_messages(t, items, msgs)]
  defp merge_messages([_ | t], [item | items], msgs), do: [item | merge_messages(t, items, msgs)]
  defp merge_messages(_, _, _), do: []

  # hibernate/3: Erlang drops the stack, waits for a message (without
  # taking it) and then runs apply(mod, fun, args); the caller never
  # resumes, and the process ends when that call returns. mote has no
  # primitive that waits without taking a message, so this one watches
  # its queue length, sleeping a little longer each time, up to 64 ms.
  def hibernate(mod, fun, args) when is_atom(mod) and is_atom(fun) and is_list(args) do
    hibernate_wait(1)
    apply(mod, fun, args)
    exit(:normal)
  end

  defp hibernate_wait(ms) do
    case Process.__info__(self(), :message_queue_len) do
      {:message_queue_len, 0} ->
        receive do
        after
          ms -> :ok
        end

        hibernate_wait(min(ms * 2, 64))

      _ ->
        :ok
    end
  end
end
