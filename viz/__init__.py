"""luocdo.viz"""
