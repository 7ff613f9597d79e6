"""luocdo.api"""
