# PubSub: mote's own publish/subscribe (not part of Elixir; modelled on
# Phoenix.PubSub's local API). A PubSub is a Registry with duplicate keys:
# topics (strings) are keys, subscribers are the processes registered
# under them, and a subscriber that exits is unsubscribed by the registry.
# Delivery is a plain send to each subscriber, in subscription order.
defmodule PubSub do
  def child_spec(opts) do
    %{id: Keyword.get(opts, :name, PubSub), start: {PubSub, :start_link, [opts]}, type: :supervisor}
  end

  # start_link(name: name): the registry behind it, named name.
  def start_link(opts) when is_list(opts) do
    case Keyword.fetch(opts, :name) do
      {:ok, name} when is_atom(name) ->
        Registry.start_link(keys: :duplicate, name: name, partitions: Keyword.get(opts, :partitions, 1))

      _ ->
        raise ArgumentError, "PubSub.start_link/1 expects name: an atom, got: #{inspect(opts)}"
    end
  end

  # Subscribes the calling process to topic; subscribing twice delivers
  # every message twice, as with Phoenix.PubSub.
  def subscribe(pubsub, topic) when is_atom(pubsub) and is_binary(topic) do
    {:ok, _} = Registry.register(pubsub, topic, nil)
    :ok
  end

  def unsubscribe(pubsub, topic) when is_atom(pubsub) and is_binary(topic),
    do: Registry.unregister(pubsub, topic)

  # Sends message to every subscriber of topic (the caller too, if it
  # subscribed). Always :ok.
  def broadcast(pubsub, topic, message) when is_atom(pubsub) and is_binary(topic) do
    Registry.dispatch(pubsub, topic, fn entries ->
      Enum.each(entries, fn {pid, _} -> send(pid, message) end)
    end)
  end

  # Like broadcast/3, but skips the subscriber `from` (usually self()).
  def broadcast_from(pubsub, from, topic, message)
      when is_atom(pubsub) and is_pid(from) and is_binary(topic) do
    Registry.dispatch(pubsub, topic, fn entries ->
      Enum.each(entries, fn {pid, _} -> if pid != from, do: send(pid, message) end)
    end)
  end

  # The pids subscribed to topic, once per subscription.
  def subscribers(pubsub, topic) when is_atom(pubsub) and is_binary(topic),
    do: for({pid, _} <- Registry.lookup(pubsub, topic), do: pid)
end
