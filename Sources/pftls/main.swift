print("pftls")
