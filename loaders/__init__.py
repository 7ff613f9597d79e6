"""luocdo.loaders"""
