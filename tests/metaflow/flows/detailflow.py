# Parameters, a foreach and a card: what the run, step and task views explain.
from metaflow import FlowSpec, Parameter, card, current, step


class DetailFlow(FlowSpec):
    alpha = Parameter("alpha", default=0.5, help="A float parameter")
    label = Parameter("label", default="baseline")

    @step
    def start(self):
        self.items = ["a", "b", "c"]
        print("detail flow starting with alpha", self.alpha)
        self.next(self.work, foreach="items")

    @step
    def work(self):
        self.result = {"item": self.input, "size": len(self.input) * 10, "ok": True}
        print("working on", self.input)
        self.next(self.join)

    @card
    @step
    def join(self, inputs):
        self.results = [i.result for i in inputs]
        self.next(self.end)

    @step
    def end(self):
        print("detail done:", current.pathspec)


if __name__ == "__main__":
    DetailFlow()
