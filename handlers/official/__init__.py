"""What akimat officials (and admins) do: their akimat's meetings, questions, plans, duties."""
