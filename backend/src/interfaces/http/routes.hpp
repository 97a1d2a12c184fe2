#pragma once
#include "interfaces/http/router.hpp"

namespace shopme::http {

class SystemController;
class AuthController;
class WorkspaceController;
class CatalogController;
class SalesController;
class TransferController;
class ImageController;
class ChannelController;
class InboxController;
class LiveController;
class MediaController;
class AgentController;
class PublicLinkController;
class OrderController;
class PaymentController;

struct Controllers {
  const SystemController& system;
  const AuthController& auth;
  const WorkspaceController& workspaces;
  const CatalogController& catalog;
  const SalesController& sales;
  const TransferController& transfer;
  const ImageController& images;
  const ChannelController& channel;
  const InboxController& inbox;
  const LiveController& live;
  const MediaController& media;
  const AgentController& agent;
  const PublicLinkController& public_links;
  const OrderController& orders;
  const PaymentController& payments;
};

// The whole route table: every route with its permission, in one place.
Router build_routes(const Controllers& c);

}  // namespace shopme::http
