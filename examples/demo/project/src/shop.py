"""The demo shop: the workstreams of the checkout plan add to it."""


def greet():
    return "welcome to the shop"
