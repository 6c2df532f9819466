%% top_peer.erl — the BEAM side of bench/top_run.sh: what observer_cli-style
%% sampling costs on a node of the same shape as bench_top's (IDLE idle
%% processes, BUSY busy ones): erlang:processes() and process_info for
%% each (reductions, message_queue_len, memory), then the top 50 by
%% reductions, as observer_cli's process view does each refresh.
%% Prints RESULT lines in bench_top's format (peer=erl).
-module(top_peer).
-export([main/1]).

idle() -> receive stop -> ok end.
busy() -> self() ! tick, receive tick -> busy() end.

sample() ->
    Infos = [{P, I} || P <- erlang:processes(),
                       I <- [erlang:process_info(P, [reductions, message_queue_len, memory])],
                       I =/= undefined],
    Sorted = lists:sort(fun({_, A}, {_, B}) ->
                                proplists:get_value(reductions, A) >= proplists:get_value(reductions, B)
                        end, Infos),
    lists:sublist(Sorted, 50).

main([IdleS, BusyS, NS, IntervalS]) ->
    %% The sampler runs at high priority, or it would get one share in
    %% BUSY + 1 of the schedulers: generous to the BEAM, whose observer
    %% is a process competing with the ones it observes (mote's is a host
    %% thread).
    process_flag(priority, high),
    Idle = list_to_integer(IdleS), Busy = list_to_integer(BusyS),
    N = list_to_integer(NS), Interval = list_to_integer(IntervalS),
    [spawn(fun idle/0) || _ <- lists:seq(1, Idle)],
    [spawn(fun busy/0) || _ <- lists:seq(1, Busy)],
    Runs = [begin
                timer:sleep(Interval),
                %% The total, not the time since the last call: two calls
                %% in a row would otherwise measure only the second gap.
                {C0, _} = erlang:statistics(runtime),
                T0 = erlang:monotonic_time(microsecond),
                _ = sample(),
                T1 = erlang:monotonic_time(microsecond),
                {C1, _} = erlang:statistics(runtime),
                {(T1 - T0) / 1000, C1 - C0}
            end || _ <- lists:seq(1, N)],
    Walls = lists:sort([W || {W, _} <- Runs]),
    Cpu = lists:sum([C || {_, C} <- Runs]),
    io:format("RESULT peer=erl workload=top metric=processes value=~p.000 unit=procs~n",
              [length(erlang:processes())]),
    io:format("RESULT peer=erl workload=top metric=snapshot_build_ms_median value=~.3f unit=ms~n",
              [lists:nth(N div 2 + 1, Walls)]),
    io:format("RESULT peer=erl workload=top metric=snapshot_build_ms_max value=~.3f unit=ms~n",
              [lists:last(Walls)]),
    %% statistics(runtime) is CPU of every scheduler: the sampling and the
    %% busy processes alike, so it is not comparable; wall time is.
    io:format("RESULT peer=erl workload=top metric=node_cpu_ms_per_snapshot value=~.3f unit=ms~n",
              [Cpu / N]),
    halt(0).
