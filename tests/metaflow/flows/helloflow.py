# The flow of Metaflow's "Organizing Results" page: start -> hello -> end.
from metaflow import FlowSpec, step


class HelloFlow(FlowSpec):
    @step
    def start(self):
        self.greeting = "hi"
        print("HelloFlow is starting.")
        self.next(self.hello)

    @step
    def hello(self):
        self.message = "Metaflow says: %s" % self.greeting
        print(self.message)
        self.next(self.end)

    @step
    def end(self):
        print("HelloFlow is all done.")


if __name__ == "__main__":
    HelloFlow()
