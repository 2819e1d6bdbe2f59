#include "cli/deploy_command.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <thread>

#include "base/format.h"
#include "cli/cloudformation_client.h"

namespace stratus::cli {
namespace {

constexpr std::string_view kUsage =
    "usage: stratus deploy TEMPLATE --stack-name NAME [--param KEY=VALUE]... "
    "[--capabilities CAPABILITY]... [--endpoint-url URL]\n";
constexpr std::string_view kNoChanges = "The submitted information didn't contain changes.";
constexpr auto kPollInterval = std::chrono::milliseconds(300);

struct DeployOptions {
  std::string template_path = {};
  std::string stack_name = {};
  std::vector<std::pair<std::string, std::string>> parameters = {};
  std::vector<std::string> capabilities = {};
  std::string endpoint = "http://localhost:4566";
};

// Returns an error message, or empty.
std::string ParseOptions(const std::vector<std::string>& args, DeployOptions* options) {
  if (const char* endpoint = std::getenv("STRATUS_ENDPOINT"); endpoint != nullptr) {
    options->endpoint = endpoint;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&]() -> const std::string* {
      return i + 1 < args.size() ? &args[++i] : nullptr;
    };
    if (arg == "--stack-name" || arg == "--param" || arg == "--parameter-overrides" ||
        arg == "--capabilities" || arg == "--endpoint-url") {
      const std::string* given = value();
      if (given == nullptr) {
        return arg + " needs a value";
      }
      if (arg == "--stack-name") {
        options->stack_name = *given;
      } else if (arg == "--endpoint-url") {
        options->endpoint = *given;
      } else if (arg == "--capabilities") {
        std::stringstream list(*given);
        for (std::string item; std::getline(list, item, ',');) {
          options->capabilities.push_back(item);
        }
      } else {
        size_t equals = given->find('=');
        if (equals == std::string::npos) {
          return Format("{} takes KEY=VALUE, not '{}'", arg, *given);
        }
        options->parameters.emplace_back(given->substr(0, equals), given->substr(equals + 1));
      }
    } else if (!arg.empty() && arg[0] == '-') {
      return "unknown option " + arg;
    } else if (options->template_path.empty()) {
      options->template_path = arg;
    } else {
      return "more than one template given: " + arg;
    }
  }
  if (options->template_path.empty() || options->stack_name.empty()) {
    return "a template file and --stack-name are required";
  }
  return {};
}

std::string Pad(const std::string& text, size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

// Shows stack events as they come: one line per event, or on a terminal one
// line per resource rewritten in place.
class Progress {
 public:
  Progress(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}

  void Add(const aws::XmlElement& event) {
    const std::string logical_id = XmlText(event, "LogicalResourceId");
    const std::string status = XmlText(event, "ResourceStatus");
    const std::string type = XmlText(event, "ResourceType");
    const std::string reason = XmlText(event, "ResourceStatusReason");
    const std::string time = XmlText(event, "Timestamp").substr(11, 8);
    std::string line =
        Format("{}  {}{}{}{}", time, Pad(logical_id, 28), Pad(type, 34), Pad(status, 24), reason);
    if (status.find("FAILED") != std::string::npos && first_failure_.empty() && !reason.empty() &&
        reason.find("Resource creation cancelled") == std::string::npos) {
      first_failure_ = Format("{} ({}): {}", logical_id, type, reason);
    }
    if (!terminal_) {
      out_ << line << "\n" << std::flush;
      return;
    }
    if (lines_.count(logical_id) == 0) {
      order_.push_back(logical_id);
    }
    lines_[logical_id] = line;
    Redraw();
  }

  const std::string& first_failure() const { return first_failure_; }

 private:
  void Redraw() {
    if (drawn_ > 0) {
      out_ << "\x1b[" << drawn_ << "F";  // Back to the first line drawn.
    }
    for (const std::string& id : order_) {
      out_ << "\x1b[2K" << lines_[id] << "\n";
    }
    drawn_ = order_.size();
    out_ << std::flush;
  }

  std::ostream& out_;
  const bool terminal_;
  std::vector<std::string> order_;
  std::map<std::string, std::string> lines_;
  size_t drawn_ = 0;
  std::string first_failure_;
};

std::vector<std::pair<std::string, std::string>> ChangeSetRequest(const DeployOptions& options,
                                                                  const std::string& body,
                                                                  const std::string& name,
                                                                  const std::string& type) {
  std::vector<std::pair<std::string, std::string>> form = {{"StackName", options.stack_name},
                                                           {"ChangeSetName", name},
                                                           {"ChangeSetType", type},
                                                           {"TemplateBody", body}};
  for (size_t i = 0; i < options.parameters.size(); ++i) {
    form.emplace_back(Format("Parameters.member.{}.ParameterKey", i + 1),
                      options.parameters[i].first);
    form.emplace_back(Format("Parameters.member.{}.ParameterValue", i + 1),
                      options.parameters[i].second);
  }
  for (size_t i = 0; i < options.capabilities.size(); ++i) {
    form.emplace_back(Format("Capabilities.member.{}", i + 1), options.capabilities[i]);
  }
  return form;
}

bool Succeeded(const std::string& status) {
  return status == "CREATE_COMPLETE" || status == "UPDATE_COMPLETE";
}

int Deploy(const DeployOptions& options, std::ostream& out, std::ostream& err, bool terminal) {
  std::ifstream file(options.template_path);
  if (!file) {
    err << "stratus deploy: cannot read " << options.template_path << "\n";
    return 2;
  }
  std::stringstream text;
  text << file.rdbuf();
  CloudFormationClient client(options.endpoint);
  std::string type = "CREATE";
  std::set<std::string> seen_events;
  Result<aws::XmlElement> described =
      client.Call("DescribeStacks", {{"StackName", options.stack_name}});
  if (described.ok()) {
    std::string status = XmlText(*described, "Stacks/member/StackStatus");
    type = status == "REVIEW_IN_PROGRESS" ? "CREATE" : "UPDATE";
    Result<aws::XmlElement> old =
        client.Call("DescribeStackEvents", {{"StackName", options.stack_name}});
    if (old.ok()) {
      for (const aws::XmlElement* event : XmlMembers(*old, "StackEvents")) {
        seen_events.insert(XmlText(*event, "EventId"));
      }
    }
  } else if (described.status().aws_type() != "ValidationError") {
    err << "stratus deploy: " << described.status().message() << "\n";
    return 1;
  }
  const std::string name =
      Format("stratus-deploy-{}", std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::steady_clock::now().time_since_epoch())
                                      .count());
  Result<aws::XmlElement> created =
      client.Call("CreateChangeSet", ChangeSetRequest(options, text.str(), name, type));
  if (!created.ok()) {
    err << "stratus deploy: " << created.status().aws_type() << ": " << created.status().message()
        << "\n";
    return 1;
  }
  const std::string change_set = XmlText(*created, "Id");
  Result<aws::XmlElement> change =
      client.Call("DescribeChangeSet", {{"ChangeSetName", change_set}});
  if (!change.ok()) {
    err << "stratus deploy: " << change.status().message() << "\n";
    return 1;
  }
  if (XmlText(*change, "Status") == "FAILED") {
    const std::string reason = XmlText(*change, "StatusReason");
    (void)client.Call("DeleteChangeSet", {{"ChangeSetName", change_set}});
    if (reason.rfind(kNoChanges, 0) == 0) {
      out << "No changes to deploy. Stack " << options.stack_name << " is up to date\n";
      return 0;
    }
    err << "stratus deploy: the change set failed: " << reason << "\n";
    return 1;
  }
  out << (type == "CREATE" ? "Creating" : "Updating") << " stack " << options.stack_name << " ("
      << XmlMembers(*change, "Changes").size() << " changes)\n";
  if (Result<aws::XmlElement> executed =
          client.Call("ExecuteChangeSet", {{"ChangeSetName", change_set}});
      !executed.ok()) {
    err << "stratus deploy: " << executed.status().message() << "\n";
    return 1;
  }
  Progress progress(out, terminal);
  while (true) {
    std::this_thread::sleep_for(kPollInterval);
    Result<aws::XmlElement> events =
        client.Call("DescribeStackEvents", {{"StackName", options.stack_name}});
    if (events.ok()) {
      std::vector<const aws::XmlElement*> members = XmlMembers(*events, "StackEvents");
      for (auto it = members.rbegin(); it != members.rend(); ++it) {
        if (seen_events.insert(XmlText(**it, "EventId")).second) {
          progress.Add(**it);
        }
      }
    }
    Result<aws::XmlElement> stack =
        client.Call("DescribeStacks", {{"StackName", options.stack_name}});
    if (!stack.ok()) {
      err << "stratus deploy: " << stack.status().message() << "\n";
      return 1;
    }
    const std::string status = XmlText(*stack, "Stacks/member/StackStatus");
    if (status.size() >= 12 && status.compare(status.size() - 12, 12, "_IN_PROGRESS") == 0) {
      continue;
    }
    if (!Succeeded(status)) {
      std::string reason = progress.first_failure();
      if (reason.empty()) {
        reason = XmlText(*stack, "Stacks/member/StackStatusReason");
      }
      err << "stratus deploy: stack " << options.stack_name << " is " << status
          << (reason.empty() ? "" : ": " + reason) << "\n";
      return 1;
    }
    out << "Stack " << options.stack_name << " is " << status << "\n";
    std::vector<const aws::XmlElement*> outputs = XmlMembers(*stack, "Stacks/member/Outputs");
    if (!outputs.empty()) {
      out << "Outputs:\n";
      for (const aws::XmlElement* output : outputs) {
        out << "  " << XmlText(*output, "OutputKey") << " = " << XmlText(*output, "OutputValue")
            << "\n";
      }
    }
    return 0;
  }
}

}  // namespace

int RunDeployCommand(const std::vector<std::string>& args,
                     std::ostream& out,
                     std::ostream& err,
                     bool terminal) {
  DeployOptions options;
  if (std::string problem = ParseOptions(args, &options); !problem.empty()) {
    err << "stratus deploy: " << problem << "\n" << kUsage;
    return 2;
  }
  return Deploy(options, out, err, terminal);
}

}  // namespace stratus::cli
