# exit: 1
# A crash in a linked process takes the script's main process down with
# it: what was printed before stays, nothing after runs, status 1.
IO.puts("started")
spawn_link(fn -> exit(:worker_failed) end)
Process.sleep(500)
IO.puts("unreachable")
# expect: started
