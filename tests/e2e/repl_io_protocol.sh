#!/bin/sh
# repl_io_protocol.sh MOTE — the shell's group leader speaks the Erlang I/O
# protocol, and IO output goes through group leaders: each request gets one
# {:io_reply, ref, reply}; output requests print and answer :ok, get_line
# reads the next input line (IO.gets), other input requests and unknown
# ones answer errors; a spawned process prints through the shell's
# I/O server before it is seen to exit; a dead group leader is an error,
# not a wait forever; group_leader/2 gives another process a new one.
mote="$1"
out=$("$mote" --no-startup 2>&1 <<'EOS'
gl = Process.group_leader()
ask = fn req -> ref = make_ref(); send(gl, {:io_request, self(), ref, req}); receive do {:io_reply, ^ref, r} -> r end end
ask.({:put_chars, :unicode, "raw bytes\n"})
ask.({:requests, [{:put_chars, :unicode, "a"}, {:put_chars, :unicode, [?b, ["c"], "\n"]}]})
ask.({:get_line, :unicode, "prompt> "})
a line for get_line
ask.({:get_chars, :unicode, "", 3})
ask.(:no_such_request)
ask.(:getopts)
{_, mref} = spawn_monitor(fn -> IO.puts("from a child") end)
receive do {:DOWN, ^mref, _, _, _} -> :child_done end
{dead, dref} = spawn_monitor(fn -> :ok end)
receive do {:DOWN, ^dref, _, _, _} -> :ok end
Process.group_leader(dead, self())
r = try do IO.puts("lost") catch :error, e -> {:caught, e} end
Process.group_leader(gl, self())
r
me = self()
cap = spawn(fn -> receive do {:io_request, from, ref, {:put_chars, _, chars}} -> send(from, {:io_reply, ref, :ok}); send(me, {:captured, IO.chardata_to_string(chars)}) end end)
w = spawn(fn -> receive do :go -> IO.puts("to the capturer") end end)
Process.group_leader(cap, w)
send(w, :go)
receive do {:captured, text} -> text end
EOS
)
st=$?
expected='raw bytes
:ok
abc
:ok
prompt> "a line for get_line\n"
{:error, :enotsup}
{:error, :request}
[binary: true, encoding: :unicode]
from a child
:child_done
:ok
true
{:caught, :terminated}
true
{:caught, :terminated}
true
:go
"to the capturer\n"'
# Pids, funs and spawn_monitor's values vary: drop them.
got=$(printf '%s\n' "$out" | sed -e '/^#PID</d' -e '/^#Function</d' -e '/^{#PID</d')
if [ "$st" -ne 0 ] || [ "$got" != "$expected" ]; then
    echo "FAIL io_protocol_through_the_group_leader: status $st, got:"
    printf '%s\n' "$out"
    exit 1
fi
echo "ok the shell's group leader speaks the I/O protocol"
