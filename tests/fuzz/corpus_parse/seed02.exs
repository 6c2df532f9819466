"""
  heredoc #{x}
  """
