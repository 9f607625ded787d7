"""placeholder"""
COMMANDS: dict = {}
