'abc' ++ [?a, ?\n]
:"quoted atom"
