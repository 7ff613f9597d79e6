"""luocdo.queries"""
