#include <string>
#include <utility>

#include "states/jsonata/error_internal.h"
#include "states/jsonata/parser_internal.h"
#include "states/jsonata/value_internal.h"

namespace stratus::states::jsonata {
namespace {

std::unique_ptr<Node> NewNode(NodeType type, size_t position) {
  auto node = std::make_unique<Node>();
  node->type = type;
  node->position = position;
  return node;
}

std::string NodeTypeName(NodeType type) {
  switch (type) {
    case NodeType::kPath:
      return "path";
    case NodeType::kBinary:
      return "binary";
    case NodeType::kFunctionCall:
      return "function";
    case NodeType::kVariable:
      return "variable";
    case NodeType::kString:
      return "string";
    case NodeType::kNumber:
      return "number";
    case NodeType::kCondition:
      return "condition";
    case NodeType::kArray:
    case NodeType::kObject:
    case NodeType::kNegate:
      return "unary";
    default:
      return "expression";
  }
}

// The post-parse rewrite (jsonata-js processAST), with the parent-operator
// ancestry resolution.
class AstProcessor {
 public:
  explicit AstProcessor(Program& program) : program_(program) {}

  Result<std::unique_ptr<Node>> Process(std::unique_ptr<Node> expr);

 private:
  Result<std::unique_ptr<Node>> ProcessBinary(std::unique_ptr<Node> expr);
  Result<std::unique_ptr<Node>> ProcessPathStep(std::unique_ptr<Node> expr);
  Result<std::unique_ptr<Node>> ProcessPredicate(std::unique_ptr<Node> expr);
  Result<std::unique_ptr<Node>> ProcessFocus(std::unique_ptr<Node> expr);
  Result<std::unique_ptr<Node>> ProcessIndex(std::unique_ptr<Node> expr);
  Result<std::unique_ptr<Node>> ProcessChildren(std::unique_ptr<Node> expr);

  Result<AncestorSlot*> SeekParent(Node& node, AncestorSlot* slot);
  Status ResolveAncestry(Node& path);
  static void PushAncestry(Node& result, const Node& value);
  static std::unique_ptr<Node> TailCallOptimize(std::unique_ptr<Node> expr);

  Program& program_;
  int ancestor_label_ = 0;
  int ancestor_index_ = 0;
};

void AstProcessor::PushAncestry(Node& result, const Node& value) {
  for (AncestorSlot* slot : value.seeking_parent) {
    result.seeking_parent.push_back(slot);
  }
  if (value.type == NodeType::kParent) {
    result.seeking_parent.push_back(value.slot);
  }
}

Result<AncestorSlot*> AstProcessor::SeekParent(Node& node, AncestorSlot* slot) {
  switch (node.type) {
    case NodeType::kName:
    case NodeType::kWildcard:
      --slot->level;
      if (slot->level == 0) {
        if (node.ancestor != nullptr) {
          slot->label = node.ancestor->label;
        }
        node.ancestor = slot;
        node.tuple = true;
      }
      return slot;
    case NodeType::kParent:
      ++slot->level;
      return slot;
    case NodeType::kBlock:
      if (!node.items.empty()) {
        node.tuple = true;
        return SeekParent(*node.items.back(), slot);
      }
      return slot;
    case NodeType::kPath: {
      node.tuple = true;
      size_t index = node.steps.size();
      STRATUS_ASSIGN_OR_RETURN(slot, SeekParent(*node.steps[--index], slot));
      while (slot->level > 0 && index > 0) {
        STRATUS_ASSIGN_OR_RETURN(slot, SeekParent(*node.steps[--index], slot));
      }
      return slot;
    }
    default:
      return JsonataError("S0217", {.token = NodeTypeName(node.type)});
  }
}

Status AstProcessor::ResolveAncestry(Node& path) {
  Node& last = *path.steps.back();
  std::vector<AncestorSlot*> slots = last.seeking_parent;
  if (last.type == NodeType::kParent) {
    slots.push_back(last.slot);
  }
  for (AncestorSlot* slot : slots) {
    long index = static_cast<long>(path.steps.size()) - 2;
    while (slot->level > 0) {
      if (index < 0) {
        path.seeking_parent.push_back(slot);
        break;
      }
      Node* step = path.steps[static_cast<size_t>(index--)].get();
      // Contiguous steps that bind the focus are skipped.
      while (index >= 0 && !step->focus.empty() &&
             !path.steps[static_cast<size_t>(index)]->focus.empty()) {
        step = path.steps[static_cast<size_t>(index--)].get();
      }
      STRATUS_ASSIGN_OR_RETURN(slot, SeekParent(*step, slot));
    }
  }
  return Status::Ok();
}

std::unique_ptr<Node> AstProcessor::TailCallOptimize(std::unique_ptr<Node> expr) {
  if (expr->type == NodeType::kFunctionCall && expr->predicates.empty()) {
    auto thunk = NewNode(NodeType::kLambda, expr->position);
    thunk->thunk = true;
    thunk->body = std::move(expr);
    return thunk;
  }
  if (expr->type == NodeType::kCondition) {
    expr->then_branch = TailCallOptimize(std::move(expr->then_branch));
    if (expr->else_branch != nullptr) {
      expr->else_branch = TailCallOptimize(std::move(expr->else_branch));
    }
    return expr;
  }
  if (expr->type == NodeType::kBlock && !expr->items.empty()) {
    expr->items.back() = TailCallOptimize(std::move(expr->items.back()));
  }
  return expr;
}

Result<std::unique_ptr<Node>> AstProcessor::ProcessPathStep(std::unique_ptr<Node> expr) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> lstep, Process(std::move(expr->lhs)));
  std::unique_ptr<Node> result;
  if (lstep->type == NodeType::kPath) {
    result = std::move(lstep);
  } else {
    result = NewNode(NodeType::kPath, lstep->position);
    if (lstep->type == NodeType::kParent) {
      result->seeking_parent.push_back(lstep->slot);
    }
    result->steps.push_back(std::move(lstep));
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> rest, Process(std::move(expr->rhs)));
  if (rest->type == NodeType::kPath) {
    for (auto& step : rest->steps) {
      result->steps.push_back(std::move(step));
    }
  } else {
    for (auto& predicate : rest->predicates) {
      rest->stages.push_back(Stage{.filter = std::move(predicate)});
    }
    rest->predicates.clear();
    result->steps.push_back(std::move(rest));
  }
  for (auto& step : result->steps) {
    if (step->type == NodeType::kNumber || step->type == NodeType::kValue) {
      return JsonataError("S0213", {.value = step->literal});
    }
    if (step->type == NodeType::kString) {
      step->type = NodeType::kName;
      step->name = step->literal.get<std::string>();
    }
    if (step->keep_array) {
      result->keep_singleton_array = true;
    }
  }
  if (result->steps.front()->type == NodeType::kArray) {
    result->steps.front()->cons_array = true;
  }
  if (result->steps.back()->type == NodeType::kArray) {
    result->steps.back()->cons_array = true;
  }
  STRATUS_RETURN_IF_ERROR(ResolveAncestry(*result));
  return result;
}

Result<std::unique_ptr<Node>> AstProcessor::ProcessPredicate(std::unique_ptr<Node> expr) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> result, Process(std::move(expr->lhs)));
  Node* step = result.get();
  const bool is_path = result->type == NodeType::kPath;
  if (is_path) {
    step = result->steps.back().get();
  }
  if (step->group.has_value()) {
    return JsonataError("S0209");
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> predicate, Process(std::move(expr->rhs)));
  if (!predicate->seeking_parent.empty()) {
    for (AncestorSlot* slot : predicate->seeking_parent) {
      if (slot->level == 1) {
        STRATUS_RETURN_IF_ERROR(SeekParent(*step, slot).status());
      } else {
        --slot->level;
      }
    }
    PushAncestry(*step, *predicate);
  }
  if (is_path) {
    step->stages.push_back(Stage{.filter = std::move(predicate), .position = expr->position});
  } else {
    step->predicates.push_back(std::move(predicate));
  }
  return result;
}

Result<std::unique_ptr<Node>> AstProcessor::ProcessFocus(std::unique_ptr<Node> expr) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> result, Process(std::move(expr->lhs)));
  Node* step = result.get();
  if (result->type == NodeType::kPath) {
    step = result->steps.back().get();
  }
  if (!step->stages.empty() || !step->predicates.empty()) {
    return JsonataError("S0215");
  }
  if (step->type == NodeType::kSort) {
    return JsonataError("S0216");
  }
  if (expr->keep_array) {
    step->keep_array = true;
  }
  step->focus = expr->rhs->name;
  step->tuple = true;
  return result;
}

Result<std::unique_ptr<Node>> AstProcessor::ProcessIndex(std::unique_ptr<Node> expr) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> result, Process(std::move(expr->lhs)));
  Node* step = result.get();
  if (result->type == NodeType::kPath) {
    step = result->steps.back().get();
  } else {
    auto path = NewNode(NodeType::kPath, result->position);
    for (auto& predicate : result->predicates) {
      result->stages.push_back(Stage{.filter = std::move(predicate)});
    }
    result->predicates.clear();
    path->steps.push_back(std::move(result));
    result = std::move(path);
  }
  if (step->stages.empty()) {
    step->index_name = expr->rhs->name;
  } else {
    step->stages.push_back(
        Stage{.is_index = true, .index_name = expr->rhs->name, .position = expr->position});
  }
  step->tuple = true;
  return result;
}

Result<std::unique_ptr<Node>> AstProcessor::ProcessBinary(std::unique_ptr<Node> expr) {
  switch (expr->op) {
    case BinaryOp::kPath:
      return ProcessPathStep(std::move(expr));
    case BinaryOp::kPredicate:
      return ProcessPredicate(std::move(expr));
    case BinaryOp::kBind: {
      auto result = NewNode(NodeType::kBind, expr->position);
      result->name = expr->lhs->name;
      STRATUS_ASSIGN_OR_RETURN(result->rhs, Process(std::move(expr->rhs)));
      PushAncestry(*result, *result->rhs);
      return result;
    }
    case BinaryOp::kApply: {
      auto result = NewNode(NodeType::kApply, expr->position);
      STRATUS_ASSIGN_OR_RETURN(result->lhs, Process(std::move(expr->lhs)));
      STRATUS_ASSIGN_OR_RETURN(result->rhs, Process(std::move(expr->rhs)));
      result->keep_array = result->lhs->keep_array || result->rhs->keep_array;
      return result;
    }
    default: {
      STRATUS_ASSIGN_OR_RETURN(expr->lhs, Process(std::move(expr->lhs)));
      STRATUS_ASSIGN_OR_RETURN(expr->rhs, Process(std::move(expr->rhs)));
      PushAncestry(*expr, *expr->lhs);
      PushAncestry(*expr, *expr->rhs);
      return expr;
    }
  }
}

Result<std::unique_ptr<Node>> AstProcessor::ProcessChildren(std::unique_ptr<Node> expr) {
  switch (expr->type) {
    case NodeType::kArray: {
      for (auto& item : expr->items) {
        STRATUS_ASSIGN_OR_RETURN(item, Process(std::move(item)));
        PushAncestry(*expr, *item);
      }
      return expr;
    }
    case NodeType::kObject: {
      for (auto& [key, value] : expr->pairs) {
        STRATUS_ASSIGN_OR_RETURN(key, Process(std::move(key)));
        PushAncestry(*expr, *key);
        STRATUS_ASSIGN_OR_RETURN(value, Process(std::move(value)));
        PushAncestry(*expr, *value);
      }
      return expr;
    }
    case NodeType::kNegate: {
      STRATUS_ASSIGN_OR_RETURN(expr->lhs, Process(std::move(expr->lhs)));
      if (expr->lhs->type == NodeType::kNumber) {
        std::unique_ptr<Node> number = std::move(expr->lhs);
        number->literal = NumberToJson(-number->literal.get<double>());
        return number;
      }
      PushAncestry(*expr, *expr->lhs);
      return expr;
    }
    case NodeType::kFunctionCall:
    case NodeType::kPartial: {
      for (auto& item : expr->items) {
        STRATUS_ASSIGN_OR_RETURN(item, Process(std::move(item)));
        PushAncestry(*expr, *item);
      }
      STRATUS_ASSIGN_OR_RETURN(expr->procedure, Process(std::move(expr->procedure)));
      return expr;
    }
    case NodeType::kLambda: {
      STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> body, Process(std::move(expr->body)));
      expr->body = TailCallOptimize(std::move(body));
      return expr;
    }
    case NodeType::kCondition: {
      STRATUS_ASSIGN_OR_RETURN(expr->condition, Process(std::move(expr->condition)));
      PushAncestry(*expr, *expr->condition);
      STRATUS_ASSIGN_OR_RETURN(expr->then_branch, Process(std::move(expr->then_branch)));
      PushAncestry(*expr, *expr->then_branch);
      if (expr->else_branch != nullptr) {
        STRATUS_ASSIGN_OR_RETURN(expr->else_branch, Process(std::move(expr->else_branch)));
        PushAncestry(*expr, *expr->else_branch);
      }
      return expr;
    }
    case NodeType::kElvis:
    case NodeType::kCoalesce: {
      STRATUS_ASSIGN_OR_RETURN(expr->lhs, Process(std::move(expr->lhs)));
      PushAncestry(*expr, *expr->lhs);
      STRATUS_ASSIGN_OR_RETURN(expr->rhs, Process(std::move(expr->rhs)));
      PushAncestry(*expr, *expr->rhs);
      return expr;
    }
    case NodeType::kTransform: {
      STRATUS_ASSIGN_OR_RETURN(expr->pattern, Process(std::move(expr->pattern)));
      STRATUS_ASSIGN_OR_RETURN(expr->update, Process(std::move(expr->update)));
      if (expr->deletion != nullptr) {
        STRATUS_ASSIGN_OR_RETURN(expr->deletion, Process(std::move(expr->deletion)));
      }
      return expr;
    }
    case NodeType::kBlock: {
      for (auto& item : expr->items) {
        STRATUS_ASSIGN_OR_RETURN(item, Process(std::move(item)));
        PushAncestry(*expr, *item);
        if (item->cons_array ||
            (item->type == NodeType::kPath && item->steps.front()->cons_array)) {
          expr->cons_array = true;
        }
      }
      return expr;
    }
    default:
      return expr;
  }
}

Result<std::unique_ptr<Node>> AstProcessor::Process(std::unique_ptr<Node> expr) {
  const bool keep_array = expr->keep_array;
  std::unique_ptr<Node> result;
  switch (expr->type) {
    case NodeType::kBinary: {
      STRATUS_ASSIGN_OR_RETURN(result, ProcessBinary(std::move(expr)));
      break;
    }
    case NodeType::kRawGroup: {
      STRATUS_ASSIGN_OR_RETURN(result, Process(std::move(expr->lhs)));
      if (result->group.has_value()) {
        return JsonataError("S0210");
      }
      GroupBy group{.position = expr->position};
      for (auto& [key, value] : expr->pairs) {
        STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> k, Process(std::move(key)));
        STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> v, Process(std::move(value)));
        group.pairs.emplace_back(std::move(k), std::move(v));
      }
      result->group = std::move(group);
      break;
    }
    case NodeType::kRawSort: {
      STRATUS_ASSIGN_OR_RETURN(result, Process(std::move(expr->lhs)));
      if (result->type != NodeType::kPath) {
        auto path = NewNode(NodeType::kPath, result->position);
        path->steps.push_back(std::move(result));
        result = std::move(path);
      }
      auto sort = NewNode(NodeType::kSort, expr->position);
      for (SortTerm& term : expr->terms) {
        STRATUS_ASSIGN_OR_RETURN(term.expression, Process(std::move(term.expression)));
        PushAncestry(*sort, *term.expression);
        sort->terms.push_back(std::move(term));
      }
      result->steps.push_back(std::move(sort));
      STRATUS_RETURN_IF_ERROR(ResolveAncestry(*result));
      break;
    }
    case NodeType::kRawFocus: {
      STRATUS_ASSIGN_OR_RETURN(result, ProcessFocus(std::move(expr)));
      break;
    }
    case NodeType::kRawIndex: {
      STRATUS_ASSIGN_OR_RETURN(result, ProcessIndex(std::move(expr)));
      break;
    }
    case NodeType::kName: {
      result = NewNode(NodeType::kPath, expr->position);
      if (expr->keep_array) {
        result->keep_singleton_array = true;
      }
      result->steps.push_back(std::move(expr));
      break;
    }
    case NodeType::kOperatorName: {
      expr->type = NodeType::kName;
      STRATUS_ASSIGN_OR_RETURN(result, Process(std::move(expr)));
      break;
    }
    case NodeType::kParent: {
      auto slot = std::make_unique<AncestorSlot>();
      slot->label = "!" + std::to_string(ancestor_label_++);
      slot->level = 1;
      slot->index = ancestor_index_++;
      expr->slot = slot.get();
      program_.slots.push_back(std::move(slot));
      result = std::move(expr);
      break;
    }
    case NodeType::kEnd:
      return JsonataError("S0207");
    default: {
      STRATUS_ASSIGN_OR_RETURN(result, ProcessChildren(std::move(expr)));
      break;
    }
  }
  if (keep_array) {
    result->keep_array = true;
  }
  return result;
}

}  // namespace

Result<std::unique_ptr<Node>> ProcessAst(std::unique_ptr<Node> raw, Program& program) {
  AstProcessor processor(program);
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Node> root, processor.Process(std::move(raw)));
  if (root->type == NodeType::kParent || !root->seeking_parent.empty()) {
    return JsonataError("S0217", {.token = NodeTypeName(root->type)});
  }
  return root;
}

}  // namespace stratus::states::jsonata
