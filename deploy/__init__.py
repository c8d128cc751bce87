"""The deployment: compose file, balancer configuration, and their local twin (topology.py)."""
