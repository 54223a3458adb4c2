# A wide foreach: one split into many tasks, then a join that checks them all.
import os

from metaflow import FlowSpec, step

WIDTH = int(os.environ.get("FOREACH_WIDTH", "120"))


class ForeachFlow(FlowSpec):
    @step
    def start(self):
        self.items = list(range(WIDTH))
        self.next(self.square, foreach="items")

    @step
    def square(self):
        self.value = self.input * self.input
        self.next(self.join)

    @step
    def join(self, inputs):
        self.total = sum(i.value for i in inputs)
        self.count = len(list(inputs))
        self.next(self.end)

    @step
    def end(self):
        print("squares:", self.count, "total:", self.total)


if __name__ == "__main__":
    ForeachFlow()
