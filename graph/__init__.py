"""luocdo.graph"""
