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

  # info/2: some items only the process itself may read (its queue, its
  # dictionary, its group leader, who monitors it), so for another process
  # they are asked of it (Process.__ask_messages__, answered at its next
  # drain) and this waits for the reply; every other item, and all of the
  # caller's own but :monitored_by, is the builtin's (Process.__info__).
  def info(pid, key) when is_pid(pid) and is_atom(key) do
    if asked?(pid, key) do
      case owner_items(pid) do
        :undefined -> nil
        items -> :lists.keyfind(key, 1, items)
      end
    else
      Process.__info__(pid, key)
    end
  end

  def info(pid, spec) when is_pid(pid) and is_list(spec) do
    if Enum.any?(spec, &asked?(pid, &1)) do
      with items when is_list(items) <- owner_items(pid),
           rest when is_list(rest) <- Process.__info__(pid, Enum.reject(spec, &asked?(pid, &1))) do
        merge_items(spec, pid, rest, items)
      else
        _ -> nil
      end
    else
      Process.__info__(pid, spec)
    end
  end

  def info(pid, spec), do: Process.__info__(pid, spec)

  # info/1: the items of :erlang.process_info/1, in its order, the name
  # only when there is one; another process is asked for its dictionary
  # and group leader as info/2 asks.
  @info1_items [:registered_name, :current_function, :initial_call, :status,
                :message_queue_len, :links, :dictionary, :trap_exit, :error_handler,
                :priority, :group_leader, :total_heap_size, :heap_size, :stack_size,
                :reductions, :garbage_collection, :suspending]

  def info(pid) when is_pid(pid) do
    case info(pid, @info1_items) do
      [{:registered_name, []} | items] -> items
      items -> items
    end
  end

  def info(pid), do: Process.__info__(pid, [])

  defp asked?(_pid, :monitored_by), do: true
  defp asked?(pid, key) when key in [:messages, :dictionary, :group_leader], do: pid != self()
  defp asked?(_pid, _key), do: false

  defp owner_items(pid) do
    case Process.__ask_messages__(pid) do
      :undefined ->
        :undefined

      ref ->
        receive do
          {^ref, items} -> items
        end
    end
  end

  defp merge_items([key | t], pid, rest, items) do
    if asked?(pid, key) do
      [:lists.keyfind(key, 1, items) | merge_items(t, pid, rest, items)]
    else
      [hd(rest) | merge_items(t, pid, tl(rest), items)]
    end
  end

  defp merge_items([], _pid, _rest, _items), do: []

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
