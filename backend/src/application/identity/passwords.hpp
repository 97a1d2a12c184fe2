#pragma once
#include "application/identity/ports.hpp"

namespace shopme::identity {

// Checks the current password, applies the policy and ends the user's other sessions.
Status change_password(IdentityStore& store, Secrets& secrets, std::string_view user_id,
                       std::string_view session_id, std::string_view current, std::string_view next);

// Always succeeds from the caller's view (no address enumeration); mails a 1-hour single-use link
// when the address belongs to an active user.
void request_password_reset(IdentityStore& store, Secrets& secrets, std::string_view email,
                            std::string_view base_url);

// Spends the link, sets the new password and ends every session of the user.
Status reset_password(IdentityStore& store, Secrets& secrets, std::string_view token, std::string_view next);

}  // namespace shopme::identity
